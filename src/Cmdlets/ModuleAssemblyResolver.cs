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

        ThrowIfFrameworkIsTooOld();
        AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencies;
        ThrowIfLoadedAwsSdkCoreIsTooOld();

        // Windows PowerShell 5.1 may still offer TLS 1.0 first; AWS, RDS and load balancers want 1.2 or newer.
        System.Net.ServicePointManager.SecurityProtocol |= System.Net.SecurityProtocolType.Tls12;
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

    /// <summary>The manifest says .NET Framework 4.7.2, but Windows PowerShell does not enforce it: say so at import, not as a load error later.</summary>
    private static void ThrowIfFrameworkIsTooOld()
    {
        var description = RuntimeInformation.FrameworkDescription;
        var number = description.Substring(".NET Framework".Length).Trim();
        // The description gives the CLR build, not the product: 4.7.2 is 4.7.3056 and later (4.7.1 is 4.7.2556).
        if (Version.TryParse(number, out var version) && version < new Version(4, 7, 3056))
        {
            throw new InvalidOperationException(
                $"Kaviar.Ops needs .NET Framework 4.7.2 or newer in Windows PowerShell; this host runs {description}. " +
                "Install .NET Framework 4.8, or use pwsh 7.");
        }
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
