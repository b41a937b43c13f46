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
        if (TokenId is { } token)
        {
            properties.Items[TokenItem] = token.ToString(CultureInfo.InvariantCulture);
        }

        properties.Items[IssuedItem] = IssuedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The action a challenge carried, or null for a plain sign-in.</summary>
    public static PendingAction? ReadFrom(AuthenticationProperties? properties)
    {
        if (properties is null || !properties.Items.TryGetValue(KindItem, out var kind) || kind is not (Revoke or RevokeAll))
        {
            return null;
        }

        // Sealed by the handler, so well-formed unless this code wrote it wrong; anything else is no action at all.
        if (!TryRead(properties, ClientItem, out var client) || !TryRead(properties, IssuedItem, out var issued))
        {
            return null;
        }

        long? token = TryRead(properties, TokenItem, out var t) ? t : null;
        return new PendingAction(kind, client, token, DateTimeOffset.FromUnixTimeSeconds(issued));
    }

    private static bool TryRead(AuthenticationProperties properties, string item, out long value)
    {
        value = 0;
        return properties.Items.TryGetValue(item, out var text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
    }
}
