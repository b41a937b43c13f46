namespace Gateway.Audit;

/// <summary>
/// A change made by staff (or by the gateway itself, e.g. revoking an exposed token), for the audit log:
/// what, who, on what, and the state before and after. Never a secret: views only, no plaintext, no hash.
/// </summary>
public sealed record StaffAction(string Action, string Actor, string? Target, object? Before = null, object? After = null, string? Outcome = null)
{
    /// <summary>Where the change came from, when the actor alone does not say: <c>portal</c> for a client's own (<c>client:&lt;id&gt;</c>).</summary>
    public string? Via { get; init; } = Actor?.StartsWith("client:", StringComparison.Ordinal) == true ? "portal" : null;
}
