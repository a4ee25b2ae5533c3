using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace Kaviar.Ops.Cmdlets;

/// <summary>
/// The module's engine and dependencies live in its Dependencies folder, apart from other modules'. On pwsh 7 they get
/// a load context of their own (Kaviar.Ops.Isolation, installed by Kaviar.Ops.Dependencies.ps1 before this assembly
/// loads, because PowerShell reads the cmdlet types, which need the engine, before it calls this initializer), so
/// AWS.Tools with any AWSSDK.Core loads before or after Kaviar.Ops and both keep working. Windows PowerShell 5.1 has
/// no load contexts: there the dependencies resolve from the folder whatever version is asked (5.1 has no binding
/// redirects for modules), and an older AWSSDK.Core already in the session is refused with a message that says what to do.
/// </summary>
public sealed class ModuleAssemblyResolver : IModuleAssemblyInitializer, IModuleAssemblyCleanup
{
    private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleAssemblyResolver).Assembly.Location)!;
    private static readonly string DependencyFolder = Path.Combine(ModuleFolder, "Dependencies");

    private static bool OnDotNetFramework => RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

    public void OnImport()
    {
        if (!OnDotNetFramework)
        {
            return;
        }

        AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
        ThrowIfLoadedAwsSdkCoreIsTooOld();
    }

    public void OnRemove(PSModuleInfo module)
    {
        if (OnDotNetFramework)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencies;
        }
    }

    private static Assembly? ResolveFromDependencies(object? sender, ResolveEventArgs args)
    {
        var candidate = Path.Combine(DependencyFolder, new AssemblyName(args.Name).Name + ".dll");
        return File.Exists(candidate) ? Assembly.LoadFrom(candidate) : null;
    }

    /// <summary>Windows PowerShell 5.1: one AWSSDK.Core per session, so it must be at least the one the module was built with.</summary>
    private static void ThrowIfLoadedAwsSdkCoreIsTooOld()
    {
        var loaded = Type.GetType("Amazon.Runtime.AmazonServiceClient, AWSSDK.Core")?.Assembly;
        var required = FileVersionOf(typeof(ModuleAssemblyResolver).Assembly.GetCustomAttribute<AwsSdkCoreVersionAttribute>()!.Version);
        var actual = FileVersionOf(loaded?.GetCustomAttribute<AssemblyFileVersionAttribute>()?.Version);
        if (loaded != null && actual != null && required != null && actual < required)
        {
            throw new InvalidOperationException(
                $"Kaviar.Ops needs AWSSDK.Core {required} or newer, but this Windows PowerShell session already loaded {actual} from '{loaded.Location}' " +
                "(usually through AWSPowerShell or AWS.Tools). Windows PowerShell 5.1 cannot hold two versions: import Kaviar.Ops in a new session " +
                "before the AWS modules, update them, or use pwsh 7, where both load side by side.");
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
