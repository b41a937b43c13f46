using Gateway.Tokens;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace PortalUi;

/// <summary>
/// Carries a new token's plaintext from the create (or roll) post to the page that shows it, once: in TempData
/// (sealed by data protection, deleted when read), so a reload or any navigation shows it no more.
/// </summary>
public static class NewTokenBox
{
    private const string PlaintextKey = "portal.plaintext";
    private const string NameKey = "portal.name";

    public static void Keep(ITempDataDictionary tempData, CreatedToken created)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        ArgumentNullException.ThrowIfNull(created);
        tempData[PlaintextKey] = created.Plaintext;
        tempData[NameKey] = created.Token.Name;
    }

    /// <summary>The plaintext and name, the one time they are read.</summary>
    public static (string Plaintext, string Name)? Take(ITempDataDictionary tempData)
    {
        ArgumentNullException.ThrowIfNull(tempData);
        return tempData[PlaintextKey] is string plaintext ? (plaintext, tempData[NameKey] as string ?? "") : null;
    }
}
