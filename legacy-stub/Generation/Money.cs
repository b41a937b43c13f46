using System.Globalization;

namespace LegacyStub.Generation;

/// <summary>Money as the PHP backend prints it: two decimals, dot separator, no grouping.</summary>
internal static class Money
{
    public static string Format(decimal amount) =>
        amount.ToString("0.00", CultureInfo.InvariantCulture);

    public static decimal Round(decimal amount) =>
        Math.Round(amount, 2, MidpointRounding.AwayFromZero);
}
