using Gateway.Admin;
using Gateway.Audit;
using Gateway.Auth;
using Gateway.Cli;
using Gateway.Data;
using Gateway.Docs;
using Gateway.Hosting;
using Gateway.Proxy;
using Gateway.RateLimiting;
using Gateway.Staff;
using Gateway.Tokens;
using Gateway.Usage;

if (GatewayCli.IsCommand(args))
{
    return await GatewayCli.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(GatewayHost.CreateOptions(GatewayCli.ServeArguments(args)));
builder.AddGatewayHosting();
builder.AddGatewayLogging();
builder.AddGatewayAudit();
builder.AddGatewayData();
builder.AddGatewayTokens();
builder.AddGatewayStaff();
builder.AddGatewayAuth();
builder.AddGatewayRateLimiting();
builder.AddGatewayUsage();
builder.AddGatewayProxy();
builder.AddGatewayAdmin();
builder.AddGatewayDocs();

var app = builder.Build();
app.UseGatewayAudit();
app.UseGatewayHosting();
app.UseGatewayAdmin();
app.UseExceptionHandler();
app.UseRouting();
app.UseAuthorization();
app.UseAntiforgery();
app.UseGatewayRateLimiting();
app.MapGatewayHealth();
app.MapGatewayMetrics();
app.MapGatewayProxy();
app.MapGatewayAdmin();
app.MapGatewayDocs();
await app.RunAsync();
return 0;

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
