using Gateway.Tokens;

namespace PortalUi;

/// <summary>How the portal explains a revoked token to its client: why, in words, never staff's internal notes.</summary>
public static class RevokedView
{
    public static string Time(TokenView t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.RevokedAt is { } at ? PortalView.Time(at) : "";
    }

    public static string Reason(TokenView t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return t.RevokeKind switch
        {
            RevokeKinds.Leaked => "Leaked",
            RevokeKinds.Exposed => "Sent over plain HTTP (http:// instead of https://), so it may have been read on the way",
            RevokeKinds.ClientClosed => "Your account was closed",
            RevokeKinds.Rolled => "Replaced by a new token (rolled)",
            _ => t.RevokedBy is { } by && by.StartsWith("client:", StringComparison.Ordinal) ? "Revoked by you" : "Revoked by support",
        };
    }
}
