using Gateway.Tokens;

namespace Gateway.Clients;

/// <summary>A change of a client's policy: every null member stays as it is.</summary>
public sealed record ClientPolicyEdit
{
    public bool? PortalAllowed { get; init; }

    /// <summary>A new list, or <c>new Change&lt;…&gt;(null)</c> for every scope of the catalogue.</summary>
    public Change<IReadOnlyList<string>?>? PortalScopes { get; init; }

    public int? MaxLiveTokens { get; init; }

    /// <summary>A number of days, or <c>new Change&lt;int?&gt;(null)</c> for no per-client maximum.</summary>
    public Change<int?>? MaxLifetimeDays { get; init; }

    public ClientPolicy ApplyTo(ClientPolicy current)
    {
        ArgumentNullException.ThrowIfNull(current);
        return current with
        {
            PortalAllowed = PortalAllowed ?? current.PortalAllowed,
            PortalScopes = PortalScopes is { } scopes ? scopes.Value : current.PortalScopes,
            MaxLiveTokens = MaxLiveTokens ?? current.MaxLiveTokens,
            MaxLifetimeDays = MaxLifetimeDays is { } days ? days.Value : current.MaxLifetimeDays,
        };
    }
}
