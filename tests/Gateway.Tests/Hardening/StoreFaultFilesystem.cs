using Gateway.Tests.Infrastructure;

namespace Gateway.Tests.Hardening;

/// <summary>
/// Real filesystem faults for a folder, made with mount(8): the tests run as root, where chmod stops no write,
/// but a read-only bind mount (EROFS) and a full tmpfs (ENOSPC) stop root too — as a disk remounted read-only
/// after errors, or a full log volume, would. Every mount is undone with <see cref="UnmountAsync"/>.
/// </summary>
public static class StoreFaultFilesystem
{
    /// <summary>Makes <paramref name="folder"/> read-only in place (bind-mounts it over itself, then remounts that read-only).</summary>
    public static async Task MakeReadOnlyAsync(string folder)
    {
        await MountAsync("--bind", folder, folder);
        try
        {
            // The kernel refuses to remount read-only while a file in it is open for writing ("mount point is busy"):
            // the gateway's background work (store probe, outbox, usage flush) opens the store now and then.
            for (var attempt = 1; ; attempt++)
            {
                var (exit, _, stderr) = await ProcessRunner.RunAsync("mount", ["-o", "remount,ro,bind", folder], timeout: TimeSpan.FromSeconds(30));
                if (exit == 0)
                {
                    break;
                }

                Assert.True(attempt < 50 && stderr.Contains("busy", StringComparison.Ordinal), $"mount -o remount,ro,bind {folder} failed: {stderr}");
                await Task.Delay(100);
            }
        }
        catch
        {
            await UnmountAsync(folder);
            throw;
        }
    }

    /// <summary>Mounts a tmpfs of <paramref name="size"/> (e.g. <c>64k</c>) on <paramref name="folder"/>.</summary>
    public static Task MountTmpfsAsync(string folder, string size) => MountAsync("-t", "tmpfs", "-o", $"size={size},mode=0700", "tmpfs", folder);

    /// <summary>Fills the filesystem of <paramref name="folder"/> to the last byte with <paramref name="fileName"/>.</summary>
    public static void Fill(string folder, string fileName)
    {
        using var filler = new FileStream(Path.Combine(folder, fileName), FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough);
        var block = new byte[1024];
        // Bounded: the test file systems are kilobytes.
        for (var i = 0; i < 100_000; i++)
        {
            try
            {
                filler.Write(block);
            }
            catch (IOException)
            {
                return;
            }
        }

        throw new InvalidOperationException($"{folder} did not fill up.");
    }

    /// <summary>Undoes the mount on <paramref name="folder"/> (lazily, so an open file cannot keep it).</summary>
    public static async Task UnmountAsync(string folder)
    {
        var (exit, _, stderr) = await ProcessRunner.RunAsync("umount", ["-l", folder], timeout: TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"umount {folder}: {stderr}");
    }

    private static async Task MountAsync(params string[] args)
    {
        var (exit, _, stderr) = await ProcessRunner.RunAsync("mount", args, timeout: TimeSpan.FromSeconds(30));
        Assert.True(exit == 0, $"mount {string.Join(' ', args)} failed (these tests need root, as test.sh runs them): {stderr}");
    }
}
