package org.slaplatform.load;

import java.util.Map;

import org.slaplatform.localinfra.platform.PlatformException;

/**
 * Entry point: {@code load} (open-loop mixed load with latencies and lag, and where the CPU went),
 * {@code load-run} (the load alone, as {@code chaos} runs it in the background), {@code verify} (nothing
 * acknowledged lost or doubled), {@code verify-breaches} (after {@code chaos --breaches}: each breach
 * published once), {@code chaos} (the fault run), {@code groups} (consumer-group assignment and
 * per-instance counters), {@code topics} (the broker's topics against the event contract), {@code oom}
 * (drive one JVM out of memory). Run through {@code ./platform load | chaos | verify | groups | topics},
 * which passes {@code -Dplatform.root}: the local run's URLs, broker and tokens are then the defaults.
 */
public final class PlatformTool {

    private PlatformTool() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: load|load-run|verify|verify-breaches|chaos|groups|topics|oom --name value ..."
                    + " (docs/operations-load-and-faults.md)");
            System.exit(2);
        }
        int status;
        try {
            status = run(args);
        } catch (PlatformException e) {
            System.out.flush();
            System.err.println("platform: " + e.getMessage());
            status = 1;
        }
        System.exit(status);
    }

    private static int run(String[] args) throws Exception {
        if (args[0].equals("chaos")) {
            return new FaultRun(LocalRun.current(), args).execute();
        }
        Map<String, String> defaults = System.getProperty("platform.root") == null ? Map.of()
                : LocalRun.current().defaults(args[0].equals("groups"));
        Options options = new Options(defaults, args, 1);
        return switch (args[0]) {
            case "load" -> new AccountedLoad(LocalRun.current(), options).execute();
            case "load-run" -> new LoadRun(options).execute();
            case "verify" -> new Verify(options).execute();
            case "verify-breaches" -> new VerifyBreaches(options).execute();
            case "groups" -> new Groups(options).execute();
            case "topics" -> new TopicsCheck(options).execute();
            case "oom" -> OutOfMemoryAgent.attach(options);
            default -> {
                System.err.println("unknown command " + args[0]);
                yield 2;
            }
        };
    }
}
