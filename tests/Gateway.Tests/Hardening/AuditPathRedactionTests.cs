using Gateway.Audit;
using Microsoft.AspNetCore.Http;

namespace Gateway.Tests.Hardening;

/// <summary>A token put in the path (found by the hostile-input suite) is redacted in the audit log like one in the query.</summary>
public sealed class AuditPathRedactionTests
{
    private static readonly string[] Prefixes = ["opt_live_", "opt_admin_"];

    [Theory]
    [InlineData("/api/v1/me/opt_live_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", "/api/v1/me/[redacted]")]
    [InlineData("/api/v1/OPT_LIVE_x/invoices", "?page=2", "/api/v1/[redacted]/invoices?page=2")]
    [InlineData("/api/v1/me/x%6Fpt_admin_y", "", "/api/v1/me/[redacted]")]
    [InlineData("/api/v1/invoices/12", "?access_token=opt_live_x", "/api/v1/invoices/12?access_token=[redacted]")]
    [InlineData("/api/v1/invoices/12", "?page=2", "/api/v1/invoices/12?page=2")]
    public void PathAndQuery_TokenInPathOrQuery_IsRedacted(string path, string query, string expected)
    {
        var asParsed = PathString.FromUriComponent(path).ToUriComponent();

        Assert.Equal(expected, QueryRedactor.PathAndQuery(asParsed, query, Prefixes));
    }
}
