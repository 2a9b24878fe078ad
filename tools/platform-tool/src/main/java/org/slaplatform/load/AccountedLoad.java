package org.slaplatform.load;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;

/**
 * {@code ./platform load}: the open-loop load of {@link LoadRun} on the local run, its record of
 * acknowledged ids in {@code PLATFORM_HOME/load/record-TIME.txt}, and where the cores went meanwhile:
 * CPU seconds per process of the run and of this tool, against the machine's busy time.
 */
final class AccountedLoad {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss");

    private final LocalRun run;
    private final Options options;

    AccountedLoad(LocalRun run, Options options) {
        this.run = run;
        this.options = options;
    }

    int execute() throws Exception {
        Path dir = run.layout().loadDir();
        Files.createDirectories(dir);
        Path record = dir.resolve("record-" + LocalDateTime.now().format(STAMP) + ".txt");
        Options withRecord = options.withDefault("record", record.toString());
        System.out.println("load average before (1, 5, 15 min): " + CpuAccounting.loadAverage() + "; "
                + CpuAccounting.cores() + " cores");
        CpuAccounting cpu = new CpuAccounting(run.platform());
        Map<String, Double> before = cpu.perProcess();
        double busy0 = cpu.machineBusy();
        long wall0 = System.nanoTime();
        int status = new LoadRun(withRecord).execute();
        if (status != 0) {
            return status;
        }
        Map<String, Double> after = cpu.perProcess();
        double busy = cpu.machineBusy() - busy0;
        double wall = (System.nanoTime() - wall0) / 1e9;
        System.out.flush();
        System.out.println(CpuAccounting.report(before, after, ownCpuSeconds(), busy, wall));
        String used = withRecord.get("record", record.toString());
        System.out.println("acknowledged ids in " + used + "; check them: ./platform verify --record " + used);
        return 0;
    }

    /** This JVM's CPU so far (its start and the minting of its tokens included). */
    private static double ownCpuSeconds() {
        return ProcessHandle.current().info().totalCpuDuration().orElse(Duration.ZERO).toMillis() / 1000.0;
    }
}
