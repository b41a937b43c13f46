namespace Gateway.Tests.Infrastructure;

/// <summary>Waits for background work (an outbox, an audit writer) to show its effect: bounded polling, never a timing assertion.</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> every 100 ms until it holds, for at most <paramref name="seconds"/>; fails with <paramref name="what"/>.</summary>
    public static async Task TrueAsync(Func<Task<bool>> probe, string what, int seconds = 30)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (DateTime.UtcNow < deadline)
        {
            if (await probe())
            {
                return;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"Still not true after {seconds} s: {what}");
    }

    public static Task TrueAsync(Func<bool> probe, string what, int seconds = 30) =>
        TrueAsync(() => Task.FromResult(probe()), what, seconds);
}
