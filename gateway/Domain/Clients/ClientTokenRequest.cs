namespace Gateway.Clients;

/// <summary>What a client may ask for in the portal: never roles, never a rate-limit override.</summary>
public sealed record ClientTokenRequest
{
    public string Name { get; init; } = "";

    public IReadOnlyList<string> Scopes { get; init; } = [];

    public IReadOnlyList<string> AllowedIps { get; init; } = [];

    /// <summary>The last valid day; null with <see cref="NeverExpires"/> false takes the default.</summary>
    public DateOnly? ExpiresOn { get; init; }

    public bool NeverExpires { get; init; }
}
