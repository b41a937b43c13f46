using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace AdminUi.Pages.Tokens;

/// <summary>
/// Carries a new token's plaintext to its own details page, once: TempData is sealed by data protection
/// and deleted once read, and the plaintext shows only on the page of the token it belongs to.
/// </summary>
public static class NewToken
{
    private const string Key = "new-token";

    public static void Keep(ITempDataDictionary tempData, CreatedToken created)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        ArgumentNullException.ThrowIfNull(created);
        tempData[Key] = $"{created.Token.Id}:{created.Plaintext}";
    }

    public static string? TakeFor(ITempDataDictionary tempData, long tokenId)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        if (tempData[Key] is not string kept)
        {
            return null;
        }

        var separator = kept.IndexOf(':', StringComparison.Ordinal);
        return separator > 0 && kept[..separator] == tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            ? kept[(separator + 1)..]
            : null;
    }
}
