using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Gateway.Hosting;

/// <summary>
/// A listener's certificate, read again when its files change, so a renewed certificate is served to new
/// connections without a restart. Handshakes ask for it; at most once per <see cref="CheckEvery"/> one of them
/// compares the files' timestamps and sizes (a cheap stat, and it sees the symlink swaps of mounted secrets that
/// file watchers miss). Files that do not load — a certificate written before its key — leave the current
/// certificate in place until they do.
/// </summary>
public sealed partial class ReloadingCertificate
{
    public static readonly TimeSpan CheckEvery = TimeSpan.FromSeconds(1);
    private readonly CertificateFiles _files;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _reloading = new();
    private SslStreamCertificateContext? _current;
    private (DateTime, long, DateTime, long) _stamp;
    private long _nextCheck;

    public ReloadingCertificate(CertificateFiles files, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(files);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _files = files;
        _time = time;
        _logger = logger;
    }

    /// <summary>The certificate to serve now, or null when its files have never loaded (Kestrel's own certificate then).</summary>
    public SslStreamCertificateContext? Current
    {
        get
        {
            var now = _time.GetTimestamp();
            if (now >= Interlocked.Read(ref _nextCheck) && _reloading.TryEnter())
            {
                try
                {
                    Interlocked.Exchange(ref _nextCheck, now + (long)(CheckEvery.TotalSeconds * _time.TimestampFrequency));
                    ReloadIfChanged();
                }
                finally
                {
                    _reloading.Exit();
                }
            }

            return Volatile.Read(ref _current);
        }
    }

    private void ReloadIfChanged()
    {
        var stamp = Stamp();
        if (stamp == _stamp && _current is not null)
        {
            return;
        }

        try
        {
            var certificate = Load();
            var context = SslStreamCertificateContext.Create(certificate, additionalCertificates: null, offline: true);
            var first = _current is null;
            Volatile.Write(ref _current, context);
            _stamp = stamp;
            if (!first)
            {
                Log.Reloaded(_logger, _files.CertificatePath, certificate.Subject, certificate.Thumbprint, certificate.NotAfter);
            }
        }
        catch (Exception ex) when (ex is CryptographicException or IOException or UnauthorizedAccessException)
        {
            Log.NotReloaded(_logger, _files.CertificatePath, ex.Message);
        }
    }

    private X509Certificate2 Load()
    {
        if (_files.KeyPath is { } key)
        {
            return X509Certificate2.CreateFromPemFile(_files.CertificatePath, key);
        }

        return X509CertificateLoader.LoadPkcs12FromFile(_files.CertificatePath, _files.Password);
    }

    private (DateTime, long, DateTime, long) Stamp()
    {
        var certificate = new FileInfo(_files.CertificatePath);
        var key = _files.KeyPath is { } path ? new FileInfo(path) : null;
        return (
            certificate.Exists ? certificate.LastWriteTimeUtc : default,
            certificate.Exists ? certificate.Length : -1,
            key?.Exists == true ? key.LastWriteTimeUtc : default,
            key?.Exists == true ? key.Length : -1);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "TLS certificate reloaded from {Path}: {Subject}, thumbprint {Thumbprint}, valid until {NotAfter:u}; new connections get it.")]
        public static partial void Reloaded(ILogger logger, string path, string subject, string thumbprint, DateTime notAfter);

        [LoggerMessage(2, LogLevel.Warning, "The TLS certificate files at {Path} changed but do not load ({Detail}); the current certificate stays until they do.")]
        public static partial void NotReloaded(ILogger logger, string path, string detail);
    }
}
