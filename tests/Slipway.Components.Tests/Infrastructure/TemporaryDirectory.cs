using Slipway.IO;

namespace Slipway.Components.Tests.Infrastructure;

/// <summary>A fresh directory under the system temp directory, deleted on dispose.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory(string prefix = "slipway-test")
    {
        Path = AbsolutePath.Create(System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}")).CreateDirectory();
    }

    /// <summary>The directory.</summary>
    public AbsolutePath Path { get; }

    /// <summary>Copies a directory tree into a new subdirectory and returns it.</summary>
    public AbsolutePath CopyIn(AbsolutePath source, string name)
    {
        var target = (Path / name).CreateDirectory();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var relative = System.IO.Path.GetRelativePath(source, file);
            if (relative.Split(System.IO.Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj")) continue;
            var destination = System.IO.Path.Combine(target, relative);
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }
        return target;
    }

    public void Dispose()
    {
        try
        {
            Path.DeleteDirectory();
        }
        catch (IOException)
        {
            // a leftover temp directory is harmless
        }
    }
}
