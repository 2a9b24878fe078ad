package org.slaplatform.load;

/**
 * Entry point: {@code load} (open-loop mixed load with latencies and lag), {@code verify} (nothing
 * acknowledged lost or doubled), {@code verify-breaches} (after {@code chaos --breaches}: each breach
 * published once), {@code groups} (consumer-group assignment and per-instance counters), {@code topics}
 * (the broker's topics against the event contract).
 * Usually run through {@code ./platform load | chaos | verify | groups}, which pass the tokens and URLs.
 */
public final class PlatformLoad {

    private PlatformLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: load|verify|verify-breaches|groups|topics|oom --name value ... (docs/operations-load-and-faults.md)");
            System.exit(2);
        }
        Options options = new Options(args, 1);
        int status = switch (args[0]) {
            case "load" -> new LoadRun(options).execute();
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
        System.exit(status);
    }
}
