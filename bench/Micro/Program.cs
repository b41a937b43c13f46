using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

// Each step of the request path on the gateway's own services (bench/README.md). In-process: no separate build per
// run, and the same JIT settings as the gateway. A short run (3 warm-ups, 3 iterations) by default: the machine is
// shared and the allocations per request, the figure that matters most here, do not need more.
var config = DefaultConfig.Instance
    .AddDiagnoser(MemoryDiagnoser.Default)
    .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance).WithId("short-in-process"))
    .WithOptions(ConfigOptions.DisableOptimizationsValidator);
BenchmarkSwitcher.FromAssembly(typeof(Gateway.Micro.RequestPathBenchmarks).Assembly).Run(args, config);
