using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// Resolves the module's own dependencies (AWSSDK.*, Npgsql) from the module folder. Windows PowerShell 5.1 has no
/// binding redirects for modules, so without this a dependency built against another version fails to load.
/// Also refuses, with a clear message, an AWSSDK.Core already loaded by another module that is older than ours.
/// </summary>
public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location)!;

    public void OnImport()
    {
        AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;
        AwsSdkVersionCheck.ThrowIfLoadedCoreIsTooOld();
    }

    public void OnRemove(PSModuleInfo module) => AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleFolder;

    private static Assembly? ResolveFromModuleFolder(object? sender, ResolveEventArgs args)
    {
        var candidate = Path.Combine(ModuleFolder, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }
}

/// <summary>Kept apart so that AWSSDK.Core loads only after the resolver is in place.</summary>
internal static class AwsSdkVersionCheck
{
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static void ThrowIfLoadedCoreIsTooOld()
    {
        var loaded = typeof(Amazon.Runtime.AmazonServiceClient).Assembly;
        var required = FileVersionOf(typeof(AwsSdkVersionCheck).Assembly.GetCustomAttribute<AwsSdkCoreVersionAttribute>()!.Version);
        var actual = FileVersionOf(loaded.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version);
        if (actual != null && required != null && actual < required)
        {
            throw new InvalidOperationException(
                $"Kaviar.Ops needs AWSSDK.Core {required} or newer, but this session already loaded {actual} from '{loaded.Location}' " +
                "(usually through an older AWS.Tools module). Start a new session and import Kaviar.Ops first, or update AWS.Tools.");
        }
    }

    private static Version? FileVersionOf(string? text) => Version.TryParse(text, out var version) ? version : null;
}

/// <summary>The AWSSDK.Core file version the module was built against, stamped by the build.</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class AwsSdkCoreVersionAttribute : Attribute
{
    public AwsSdkCoreVersionAttribute(string version) => Version = version;

    public string Version { get; }
}
