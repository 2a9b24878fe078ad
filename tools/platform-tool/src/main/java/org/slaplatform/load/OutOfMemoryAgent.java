package org.slaplatform.load;

import java.io.File;
import java.util.ArrayList;
import java.util.List;

import com.sun.tools.attach.VirtualMachine;

/**
 * A real {@link OutOfMemoryError} inside a running service, for the fault run: {@code oom --pid N}
 * attaches to the JVM and loads this jar as an agent, whose thread allocates until the heap is full.
 * The platform's JVMs run with {@code -XX:+ExitOnOutOfMemoryError}, so the service exits and its
 * supervisor must start it again; the verification that follows finds whether anything acknowledged
 * was lost or doubled. Nothing in the services themselves can be made to do this from outside.
 */
public final class OutOfMemoryAgent {

    private OutOfMemoryAgent() {
    }

    /** {@code oom --pid N}: load this jar into process N. */
    static int attach(Options options) throws Exception {
        String pid = options.required("pid");
        load(pid);
        System.out.println("oom: loaded the allocating agent into pid " + pid);
        return 0;
    }

    /** Loads this jar into process {@code pid}, quietly. */
    static void load(String pid) throws Exception {
        File jar = new File(OutOfMemoryAgent.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        VirtualMachine vm = VirtualMachine.attach(pid);
        try {
            vm.loadAgent(jar.getAbsolutePath());
        } finally {
            try {
                vm.detach();
            } catch (java.io.IOException e) {
                // the JVM may already be gone: that is what we came for
            }
        }
    }

    /** Runs inside the target JVM: fill the heap from a thread of its own. */
    public static void agentmain(String args) {
        Thread filler = new Thread(() -> {
            List<long[]> hoard = new ArrayList<>();
            while (true) {
                hoard.add(new long[1 << 20]);
            }
        }, "fault-run-out-of-memory");
        filler.setDaemon(true);
        filler.start();
    }
}
