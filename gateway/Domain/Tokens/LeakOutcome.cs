namespace Gateway.Tokens;

/// <summary>What a leak report did to the token it named.</summary>
public enum LeakOutcome
{
    /// <summary>No token has this hash: not one of ours (a false positive).</summary>
    Unknown,

    /// <summary>The token was live (or expired) and is now revoked as leaked.</summary>
    Revoked,

    /// <summary>The token was already revoked; nothing changed (a repeated report).</summary>
    AlreadyRevoked,
}

/// <summary>The outcome and the token as it is now (null when unknown).</summary>
public sealed record LeakResult(LeakOutcome Outcome, TokenView? Token);
