using System;
using System.IO;

namespace Kaviar.Ops.TestSupport;

/// <summary>Files of the repository the tests run from (the README, the shipped scenario files).</summary>
public static class RepositoryFiles
{
    /// <summary>The folder holding Kaviar.Ops.sln, found above the test assembly.</summary>
    public static string Root()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Kaviar.Ops.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Kaviar.Ops.sln not found above " + AppContext.BaseDirectory);
    }

    public static string PathOf(params string[] parts) => Path.Combine(Root(), Path.Combine(parts));
}
