using System.Globalization;
using Microsoft.AspNetCore.Authentication;

namespace PortalUi;

/// <summary>
/// A revocation waiting for the client to enter its password again at the provider. It travels only inside the
/// challenge's <see cref="AuthenticationProperties"/>, which the OpenID Connect handler seals (data protection) into
/// the <c>state</c> parameter and binds to a one-time correlation cookie: the client cannot forge, alter or replay it,
/// and cancelling at the provider leaves it unused.
/// </summary>
public sealed record PendingAction(string Kind, long ClientId, long? TokenId, DateTimeOffset IssuedAt)
{
    public const string Revoke = "revoke";
    public const string RevokeAll = "revoke_all";

    private const string KindItem = "portal.action";
    private const string ClientItem = "portal.client";
    private const string TokenItem = "portal.token";
    private const string IssuedItem = "portal.issued";

    /// <summary>Writes this action into the properties of the re-authentication challenge.</summary>
    public void WriteTo(AuthenticationProperties properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        properties.Items[KindItem] = Kind;
        properties.Items[ClientItem] = ClientId.ToString(CultureInfo.InvariantCulture);
        properties.Items[TokenItem] = TokenId?.ToString(CultureInfo.InvariantCulture);
        properties.Items[IssuedItem] = IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The action a challenge carried, or null for a plain sign-in.</summary>
    public static PendingAction? ReadFrom(AuthenticationProperties? properties)
    {
        if (properties is null || !properties.Items.TryGetValue(KindItem, out var kind) || kind is not (Revoke or RevokeAll))
        {
            return null;
        }

        var client = long.Parse(properties.Items[ClientItem]!, CultureInfo.InvariantCulture);
        long? token = properties.Items.TryGetValue(TokenItem, out var t) && t is not null ? long.Parse(t, CultureInfo.InvariantCulture) : null;
        var issued = DateTimeOffset.FromUnixTimeSeconds(long.Parse(properties.Items[IssuedItem]!, CultureInfo.InvariantCulture));
        return new PendingAction(kind, client, token, issued);
    }
}
