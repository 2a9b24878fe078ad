package org.slaplatform.localinfra.platform;

/** The main class of the jar {@link ClassDataArchiveTest} builds: a run that loads itself and stops. */
public final class CdsProbe {

    private CdsProbe() {
    }

    public static void main(String[] args) {
        System.out.println("cds probe ran");
    }
}
