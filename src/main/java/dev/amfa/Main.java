package dev.amfa;

import dev.amfa.cli.CheckCommand;
import dev.amfa.cli.EvalCommand;
import dev.amfa.cli.InitPolicyCommand;
import dev.amfa.cli.ServeCommand;
import dev.amfa.cli.SimulateCommand;
import dev.amfa.cli.TestCommand;
import dev.amfa.http.Routes;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The amfa command line; {@link #routing} is the HTTP API that serve runs and the tests reuse. */
@Command(name = "amfa", mixinStandardHelpOptions = true, version = "amfa 0.1.0",
        description = "Adaptive MFA policy service: risk signals in, allow/challenge/deny out.",
        subcommands = {ServeCommand.class, CheckCommand.class, TestCommand.class, InitPolicyCommand.class, EvalCommand.class,
                SimulateCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    public static Router routing(Vertx vertx, Service service) {
        return Routes.of(vertx, service);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
