using System.Runtime.InteropServices;

namespace Tsdb.Storage.Wal;

/// <summary>
/// fsync of a directory, which makes file creations and deletions in it durable. .NET cannot open a directory
/// as a file handle, so on Unix this calls open/fsync/close from libc. Windows has no such call (NTFS
/// journals directory entries itself), so there it does nothing.
/// </summary>
internal static partial class DirectorySync
{
    public static void Flush(string directory)
    {
        if (OperatingSystem.IsWindows()) return;
        int fd = Open(directory, flags: 0); // O_RDONLY
        if (fd < 0)
            throw new IOException($"cannot open directory {directory} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (FSync(fd) != 0)
                throw new IOException($"fsync of directory {directory} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int FSync(int fd);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int Close(int fd);
}
