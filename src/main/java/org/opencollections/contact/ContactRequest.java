package org.opencollections.contact;

import io.camunda.connector.generator.java.annotation.TemplateProperty;
import io.camunda.connector.generator.java.annotation.TemplateProperty.DropdownPropertyChoice;
import io.camunda.connector.generator.dsl.Property.FeelMode;
import io.camunda.connector.generator.java.annotation.TemplateProperty.PropertyType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.opencollections.compliance.Channel;

/** What a process owner sets on a "Contact debtor" task in Modeler (the element template's fields). */
public record ContactRequest(
    @TemplateProperty(
            group = "contact", label = "Debt id", description = "The case's debt; personal data is read from the database",
            defaultValue = "=debtId", feel = FeelMode.required)
        @NotBlank
        @Pattern(regexp = "[0-9a-fA-F-]{36}", message = "must be a debt id (a UUID)")
        String debtId,
    @TemplateProperty(
            group = "contact", label = "Channel", defaultValue = "LETTER", feel = FeelMode.optional,
            description = "EMAIL, SMS, LETTER or CALL (a call task for the dialler), or an expression such as =segmentation.channel")
        @NotNull
        Channel channel,
    @TemplateProperty(
            group = "message", label = "Template", type = PropertyType.Dropdown, defaultValue = "soft-reminder",
            choices = {
              @DropdownPropertyChoice(value = "soft-reminder", label = "Soft reminder"),
              @DropdownPropertyChoice(value = "final-notice", label = "Final notice"),
              @DropdownPropertyChoice(value = "cease-confirmation", label = "Cease confirmation")
            })
        @NotBlank
        String template,
    @TemplateProperty(
            group = "message", label = "Tone", type = PropertyType.Dropdown, defaultValue = "POLITE",
            description = "From polite to firm; there is no threatening tone",
            choices = {
              @DropdownPropertyChoice(value = "POLITE", label = "Polite"),
              @DropdownPropertyChoice(value = "NEUTRAL", label = "Neutral"),
              @DropdownPropertyChoice(value = "FIRM", label = "Firm")
            })
        @NotNull
        Tone tone,
    @TemplateProperty(
            group = "contact", label = "Occurrence", optional = true, feel = FeelMode.required,
            description = "Identifies a repeated contact (e.g. the reminder number), so a resumed case does not send it twice")
        Integer occurrence) {}
