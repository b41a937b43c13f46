using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography.X509Certificates;

// Fixed-rate (open-loop) HTTPS load: request i is due at start + i/rate whether or not earlier ones have
// answered, and its latency is measured from when it was due, not from when it went out. A stalled server
// therefore shows up as the queueing delay its clients would really see (coordinated-omission correction,
// as in wrk2). The scheduler wakes every millisecond and sends whatever has fallen due, so every latency
// includes up to ~1 ms of send lag; both targets see the same floor, and lag_p99_ms reports it.
//
// usage: LoadGen <url> --rate N --duration S [--warmup S] [--connections N] [--header "Name: value"] [--cert file.crt]
var options = Options.Parse(args);
using var handler = new System.Net.Http.SocketsHttpHandler
{
    MaxConnectionsPerServer = options.Connections,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    UseCookies = false,
    AllowAutoRedirect = false,
};
if (options.Certificate is { } pinned)
{
    // Loopback with a throwaway self-signed certificate: trust exactly that certificate, nothing else.
    handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
        cert is not null && cert.GetCertHashString() == pinned.GetCertHashString();
}

using var client = new HttpMessageInvoker(handler);
var warmup = Run(client, options, options.Warmup);
await warmup.Completion;
var measured = Run(client, options, options.Duration);
await measured.Completion;
Console.WriteLine(measured.Summary());
return measured.Errors == 0 ? 0 : 2;

static LoadRun Run(HttpMessageInvoker client, Options options, double seconds)
{
    var run = new LoadRun(options, (int)Math.Max(1, options.Rate * seconds));
    var thread = new Thread(() => run.Schedule(client)) { IsBackground = true, Priority = ThreadPriority.AboveNormal, Name = "schedule" };
    thread.Start();
    return run;
}

internal sealed class LoadRun(Options options, int count)
{
    private readonly int _count = count;
    private readonly long[] _latency = new long[count];
    private readonly long[] _lag = new long[count];
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = count;
    private int _errors;
    private long _started;
    private long _finished;

    public Task Completion => _done.Task;

    public int Errors => _errors;

    public void Schedule(HttpMessageInvoker client)
    {
        var interval = (double)Stopwatch.Frequency / options.Rate;
        _started = Stopwatch.GetTimestamp();
        var next = 0;
        while (next < _count)
        {
            var now = Stopwatch.GetTimestamp();
            for (; next < _count; next++)
            {
                var due = _started + (long)(next * interval);
                if (due > now)
                {
                    break;
                }

                var (index, dueAt) = (next, due);
                ThreadPool.UnsafeQueueUserWorkItem(_ => _ = SendAsync(client, index, dueAt), null);
            }

            Thread.Sleep(1);
        }
    }

    private async Task SendAsync(HttpMessageInvoker client, int index, long due)
    {
        _lag[index] = Stopwatch.GetTimestamp() - due;
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, options.Url);
            foreach (var (name, value) in options.Headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, CancellationToken.None);
            await response.Content.CopyToAsync(Stream.Null);
            if ((int)response.StatusCode != 200)
            {
                Interlocked.Increment(ref _errors);
            }
        }
        catch (HttpRequestException)
        {
            Interlocked.Increment(ref _errors);
        }
        catch (IOException)
        {
            Interlocked.Increment(ref _errors);
        }

        _latency[index] = Stopwatch.GetTimestamp() - due;
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _finished = Stopwatch.GetTimestamp();
            _done.SetResult();
        }
    }

    public string Summary()
    {
        Array.Sort(_latency);
        Array.Sort(_lag);
        var seconds = (double)(_finished - _started) / Stopwatch.Frequency;
        return string.Create(CultureInfo.InvariantCulture,
            $"rate={options.Rate} sent={_count} errors={_errors} achieved={_count / seconds:0} " +
            $"p50_ms={Ms(_latency, 0.50):0.000} p90_ms={Ms(_latency, 0.90):0.000} p99_ms={Ms(_latency, 0.99):0.000} " +
            $"p999_ms={Ms(_latency, 0.999):0.000} max_ms={Ms(_latency, 1.0):0.000} lag_p99_ms={Ms(_lag, 0.99):0.000}");
    }

    private static double Ms(long[] sorted, double quantile)
    {
        var index = Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1);
        return sorted[Math.Max(0, index)] * 1000.0 / Stopwatch.Frequency;
    }
}

internal sealed record Options(Uri Url, double Rate, double Duration, double Warmup, int Connections, IReadOnlyList<(string Name, string Value)> Headers, X509Certificate2? Certificate)
{
    public static Options Parse(string[] args)
    {
        Uri? url = null;
        double rate = 1000, duration = 10, warmup = 2;
        var connections = 32;
        var headers = new List<(string, string)>();
        X509Certificate2? certificate = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--rate": rate = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--duration": duration = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--connections": connections = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--header":
                    var header = args[++i];
                    var colon = header.IndexOf(':', StringComparison.Ordinal);
                    headers.Add((header[..colon].Trim(), header[(colon + 1)..].Trim()));
                    break;
                case "--cert": certificate = X509CertificateLoader.LoadCertificateFromFile(args[++i]); break;
                default: url = new Uri(args[i]); break;
            }
        }

        return new Options(url ?? throw new ArgumentException("usage: LoadGen <url> --rate N --duration S"), rate, duration, warmup, connections, headers, certificate);
    }
}
