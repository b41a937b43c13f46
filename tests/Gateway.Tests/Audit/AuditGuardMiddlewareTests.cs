using Gateway.Audit;
using Gateway.Hosting;
using Gateway.Pipeline;
using Gateway.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Gateway.Tests.Audit;

/// <summary>The fail-closed step: public requests pass while the audit log can be written, and get 503 once it cannot.</summary>
public sealed class AuditGuardMiddlewareTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "gateway-audit-guard", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Invoke_AuditWritable_Passes()
    {
        using var audit = new AuditLog(Options.Create(new AuditOptions { Path = _folder }), TestAuditKeys.Ring());
        var step = new StepContext();
        _ = step.Decision;

        await new AuditGuardMiddleware(step.Next(), audit).InvokeAsync(step.Http);

        Assert.True(step.NextCalled);
    }

    [Fact]
    public async Task Invoke_AuditCannotBeWritten_503WithRetryAfterAndReason()
    {
        // A folder where today's audit file of the server's first chain should be: every write fails, as on a full disk.
        Directory.CreateDirectory(Path.Combine(_folder, $"audit-{DateTime.UtcNow:yyyyMMdd}.clef"));
        using var audit = new AuditLog(Options.Create(new AuditOptions { Path = _folder }), TestAuditKeys.Ring());
        var probe = new StepContext();
        // Written before the request is done: the failure is known when the write returns.
        await audit.WriteAsync(RequestAuditEvent.From(probe.Decision, [], SecretRedactor.Default));
        Assert.False(audit.Writable);

        var step = new StepContext();
        _ = step.Decision;
        await new AuditGuardMiddleware(step.Next(), audit).InvokeAsync(step.Http);

        Assert.False(step.NextCalled);
        Assert.Equal(503, step.Status);
        Assert.Equal("5", step.Http.Response.Headers.RetryAfter.ToString());
        Assert.Equal(Refusal.AuditUnavailable, step.Decision.Refusal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }
}
