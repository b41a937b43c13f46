using System.CommandLine;
using Gateway.Hosting;

namespace Gateway.Cli;

/// <summary><c>gateway health</c>: the container HEALTHCHECK (see <see cref="HealthProbe"/>).</summary>
public static class HealthCommand
{
    public static Command Create()
    {
        var command = new Command("health", "Ask the running gateway's /healthz on the public listener; exit 0 when healthy (for container health checks).");
        command.SetAction((parse, cancellationToken) =>
            HealthProbe.RunAsync(parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error, cancellationToken));
        return command;
    }
}
