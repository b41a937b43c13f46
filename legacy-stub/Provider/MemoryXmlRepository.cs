using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace LegacyStub.Provider;

/// <summary>
/// Keeps the data-protection keys (session and antiforgery cookies) in memory, like the signing keys:
/// nothing is written under the user's home, and a restart ends every session.
/// </summary>
internal sealed class MemoryXmlRepository : IXmlRepository
{
    private readonly Lock _gate = new();
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_gate)
        {
            return [.. _elements.Select(element => new XElement(element))];
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        lock (_gate)
        {
            _elements.Add(new XElement(element));
        }
    }
}
