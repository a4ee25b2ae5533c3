using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;

namespace Kaviar.Ops.Isolation;

/// <summary>
/// The load context of the module's engine (Kaviar.Ops.Core) and everything it depends on, from the module's
/// Dependencies folder: another module's AWSSDK.Core, Npgsql or System.Text.Json, loaded before or after, is never
/// shared with ours. Assemblies of the running .NET itself are taken from the shared framework, so that the types
/// the engine exchanges with PowerShell and .NET (strings, spans, tasks) are the same types. "The running .NET" is the
/// folder System.Private.CoreLib came from, not every trusted assembly: a host application's own dependencies (a test
/// host's Npgsql, say) are trusted too, and taking them would run the engine on libraries the module does not ship.
/// </summary>
public sealed class ModuleLoadContext : AssemblyLoadContext
{
    private const string EngineAssembly = "Kaviar.Ops.Core";

    private static readonly object Gate = new object();
    private static ModuleLoadContext? installed;

    private readonly string folder;
    private readonly HashSet<string> framework;

    private ModuleLoadContext(string folder)
        : base("Kaviar.Ops")
    {
        this.folder = folder;
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location);
        framework = new HashSet<string>(
            ((AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string) ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Where(path => string.Equals(Path.GetDirectoryName(path), runtimeFolder, StringComparison.Ordinal))
                .Select(Path.GetFileNameWithoutExtension)
                .OfType<string>(),
            StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// Makes the engine load here when the cmdlet assembly first needs it. Called once per process by the module's
    /// initializer (through reflection: the cmdlet assembly targets netstandard2.0 and knows no load contexts).
    /// </summary>
    public static void Install(string dependencyFolder)
    {
        lock (Gate)
        {
            if (installed != null)
            {
                return;
            }

            var context = new ModuleLoadContext(dependencyFolder);
            Default.Resolving += (_, name) =>
                string.Equals(name.Name, EngineAssembly, StringComparison.OrdinalIgnoreCase) ? context.LoadFromAssemblyName(name) : null;
            installed = context;
        }
    }

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        if (assemblyName.Name == null || framework.Contains(assemblyName.Name))
        {
            return null;
        }

        var path = Path.Combine(folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }
}
