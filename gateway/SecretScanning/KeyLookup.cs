namespace Gateway.SecretScanning;

/// <summary>Whether a report's signing key is known.</summary>
public enum KeyLookup
{
    Found,

    /// <summary>Not in GitHub's list (made up, or rotated out).</summary>
    Unknown,

    /// <summary>No key list has ever been fetched (GitHub unreachable since start).</summary>
    Unavailable,
}
