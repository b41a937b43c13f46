using Microsoft.Extensions.Options;

namespace Gateway.Data;

/// <summary>Runs <see cref="StoreHealth.ProbeAsync"/> every <see cref="StorageOptions.ProbeInterval"/>.</summary>
internal sealed class StoreProbe(StoreHealth health, IOptions<StorageOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ProbeInterval);
        try
        {
            do
            {
                await health.ProbeAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
