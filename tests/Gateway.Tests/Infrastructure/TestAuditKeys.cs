using Gateway.Audit;
using Gateway.Data;

namespace Gateway.Tests.Infrastructure;

/// <summary>Audit chain keys for tests: fixed, so that a test can verify what another process signed.</summary>
public static class TestAuditKeys
{
    public const string Current = "dGVzdC1hdWRpdC1jaGFpbi1rZXktMDEyMzQ1Njc4OWFiY2RlZg==";

    public const string Previous = "cHJldmlvdXMtYXVkaXQtY2hhaW4ta2V5LTAxMjM0NTY3ODlhYg==";

    /// <summary>A key ring with <paramref name="current"/> signing and <paramref name="previous"/> still accepted.</summary>
    public static AuditKeyRing Ring(string current = Current, params string[] previous)
    {
        var options = new AuditOptions { ChainKey = current };
        foreach (var key in previous)
        {
            options.PreviousChainKeys.Add(key);
        }

        return AuditKeyRing.Load(options, new StorageOptions(), create: false)!;
    }
}
