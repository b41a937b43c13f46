using Gateway.Admin;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.Cli;
using Gateway.Clients;
using Gateway.Cluster;
using Gateway.Data;
using Gateway.Docs;
using Gateway.Hosting;
using Gateway.Notices;
using Gateway.Pipeline;
using Gateway.Portal;
using Gateway.Proxy;
using Gateway.RateLimiting;
using Gateway.SecretScanning;
using Gateway.SelfCheck;
using Gateway.Staff;
using Gateway.Telemetry;
using Gateway.Tokens;
using Gateway.Usage;
using Serilog;

if (GatewayCli.IsCommand(args))
{
    return await GatewayCli.RunAsync(args);
}

// Until the host's logger exists, and for a start that fails: the console, secrets redacted.
Log.Logger = new LoggerConfiguration()
    .Enrich.With(SecretRedactor.Default)
    .WriteTo.Console(LoggingExtensions.ConsoleFormatter(SecretRedactor.Default, "[{Timestamp:HH:mm:ss} {Level:u3}] {Message:lj}{NewLine}{Exception}"))
    .CreateLogger();
try
{
    var builder = WebApplication.CreateBuilder(GatewayHost.CreateOptions(GatewayCli.ServeArguments(args)));
    builder.AddGatewayHosting();
    builder.AddGatewayLogging();
    builder.AddGatewayTelemetry();
    builder.AddGatewayAudit();
    builder.AddGatewayData();
    builder.AddGatewayTokens();
    builder.AddGatewayClients();
    builder.AddGatewayCluster();
    builder.AddGatewayStaff();
    builder.AddGatewayAuth();
    builder.AddGatewaySelfCheck();
    builder.AddGatewayRateLimiting();
    builder.AddGatewayUsage();
    builder.AddGatewayNotices();
    builder.AddGatewaySecretScanning();
    builder.AddGatewayProxy();
    builder.AddGatewayAdmin();
    builder.AddGatewayPortal();
    builder.AddGatewayDocs();

    var app = builder.Build();
    app.UseGatewayRequestPath();
    app.MapGatewayHealth();
    app.MapGatewayMetrics();
    app.MapGatewaySecretScanning();
    app.MapGatewaySelfCheck();
    app.MapGatewayAdmin();
    app.MapGatewayDocs();
    await app.RunAsync();
    return 0;
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    // A bad setting or an unreachable store: one clear line, not a stack trace, and a failing exit code.
    Log.Fatal("The gateway could not start: {Reason}", ex.GetBaseException().Message);
    return 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
