namespace Gateway.Tokens;

/// <summary>Lifecycle state shown to staff; only <see cref="Active"/> and <see cref="ExpiringSoon"/> authenticate.</summary>
public enum TokenStatus
{
    Active,
    ExpiringSoon,
    Expired,
    Revoked,
}
