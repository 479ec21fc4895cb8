package org.hrmtext.cli;

import org.hrmtext.app.AppVersion;
import picocli.CommandLine;

/** {@code hrm --version}: the version from the jar manifest. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[] {"hrm " + AppVersion.version()};
    }
}
