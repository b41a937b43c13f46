using Gateway.Cli;
using Gateway.Tokens;

namespace Gateway.Tests.Cli;

/// <summary>How the CLI reads durations and expiry dates, and names statuses.</summary>
public sealed class CliFormatTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("90s", 90)]
    [InlineData("30m", 30 * 60)]
    [InlineData("24h", 24 * 3600)]
    [InlineData("7d", 7 * 24 * 3600)]
    [InlineData("1.5h", 90 * 60)]
    [InlineData("1.12:00:00", 36 * 3600)]
    [InlineData("00:45:00", 45 * 60)]
    public void TryParseDuration_Valid_ReturnsDuration(string text, int seconds)
    {
        Assert.True(CliFormat.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("-1h")]
    [InlineData("5x")]
    [InlineData("h")]
    [InlineData("abc")]
    [InlineData("-00:10:00")]
    [InlineData("NaNh")]
    [InlineData("1e9d")]
    [InlineData("5")]
    [InlineData("12")]
    public void TryParseDuration_Invalid_ReturnsFalse(string text)
    {
        Assert.False(CliFormat.TryParseDuration(text, out _));
    }

    [Fact]
    public void TryParseExpiry_Date_ReturnsDate()
    {
        Assert.True(CliFormat.TryParseExpiry("2027-03-10", out var expiry));
        Assert.Equal(new DateOnly(2027, 3, 10), expiry);
    }

    [Theory]
    [InlineData("never")]
    [InlineData("none")]
    public void TryParseExpiry_NeverOrNone_ReturnsNoExpiry(string text)
    {
        Assert.True(CliFormat.TryParseExpiry(text, out var expiry));
        Assert.Null(expiry);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("2027-02-30")]
    [InlineData("2027-3-10")]
    [InlineData("10/03/2027")]
    [InlineData("2027-03-10T00:00:00")]
    [InlineData("Never")]
    public void TryParseExpiry_Invalid_ReturnsFalse(string text)
    {
        Assert.False(CliFormat.TryParseExpiry(text, out var expiry));
        Assert.Null(expiry);
    }

    [Theory]
    [InlineData(TokenStatus.Active, "active")]
    [InlineData(TokenStatus.ExpiringSoon, "expiring soon")]
    [InlineData(TokenStatus.Expired, "expired")]
    [InlineData(TokenStatus.Revoked, "revoked")]
    public void Status_EachStatus_HumanText(TokenStatus status, string expected)
    {
        Assert.Equal(expected, CliFormat.Status(status));
    }
}
