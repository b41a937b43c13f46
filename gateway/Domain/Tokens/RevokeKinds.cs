namespace Gateway.Tokens;

/// <summary>Why a token was revoked (DESIGN §4), as stored in <c>RevokeKind</c> and shown to staff and clients.</summary>
public static class RevokeKinds
{
    /// <summary>Revoked by staff, an admin key, the CLI or the client.</summary>
    public const string Revoked = "revoked";

    /// <summary>Replaced by a roll; stops working when the overlap ends.</summary>
    public const string Rolled = "rolled";

    /// <summary>Sent over plain HTTP, so it crossed the network in clear text.</summary>
    public const string Exposed = "exposed";

    /// <summary>Found in public by a secret-scanning report (with the URL where it was found).</summary>
    public const string Leaked = "leaked";

    /// <summary>Its client was closed (every token of the client revoked).</summary>
    public const string ClientClosed = "client_closed";
}
