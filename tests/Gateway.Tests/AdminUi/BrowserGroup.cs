namespace Gateway.Tests.AdminUi;

/// <summary>
/// The browser tests share one gateway and one Chromium, and run alone: with everything else running
/// beside them on a 2-core machine, page timings stop being about the gateway.
/// </summary>
[CollectionDefinition(nameof(BrowserGroup), DisableParallelization = true)]
public sealed class BrowserGroup : ICollectionFixture<BrowserFixture>;
