namespace Gateway.Audit;

/// <summary>
/// A change made by staff (or by the gateway itself, e.g. revoking an exposed token), for the audit log:
/// what, who, on what, and the state before and after. Never a secret: views only, no plaintext, no hash.
/// </summary>
public sealed record StaffAction(string Action, string Actor, string? Target, object? Before = null, object? After = null, string? Outcome = null);
