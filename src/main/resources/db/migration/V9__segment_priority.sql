-- The segmentation table's priority (0-100) for the segment, the risk part of the work queue's ranking.
alter table debt add column segment_priority int;
