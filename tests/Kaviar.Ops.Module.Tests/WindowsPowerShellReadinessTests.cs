using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Kaviar.Ops.Rehearsal;
using Xunit;

namespace Kaviar.Ops.Module.Tests;

/// <summary>
/// Windows PowerShell 5.1 runs the module on .NET Framework 4.7.2 or later, with PowerShell 5.1's own API. No Windows
/// host here, so the module's own assemblies are read against those reference assemblies: every type and member they
/// use from the framework or from PowerShell must exist there (netstandard2.0 promises most of it, not all of it).
/// </summary>
public sealed class WindowsPowerShellReadinessTests
{
    private static string Metadata(string key) => typeof(WindowsPowerShellReadinessTests).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private static readonly string ModuleFolder = Path.GetDirectoryName(ModuleSession.ManifestPath)!;

    public static TheoryData<string> ModuleAssemblies => new()
    {
        Path.Combine(ModuleFolder, "Kaviar.Ops.Cmdlets.dll"),
        Path.Combine(ModuleFolder, "Dependencies", "Kaviar.Ops.Core.dll"),
    };

    [Theory]
    [MemberData(nameof(ModuleAssemblies))]
    public void Uses_only_types_and_members_that_dotnet_framework_472_and_powershell_51_have(string assemblyPath)
    {
        var framework = Metadata("NetFramework472ReferenceAssemblies");
        var platform = Directory.GetFiles(framework, "*.dll").Concat(Directory.GetFiles(Path.Combine(framework, "Facades"), "*.dll"))
            .Append(Metadata("PowerShell51ReferenceAssembly"))
            .ToList();
        var platformNames = new HashSet<string>(platform.Select(Path.GetFileNameWithoutExtension).OfType<string>(), StringComparer.OrdinalIgnoreCase);
        var module = Directory.GetFiles(Path.Combine(ModuleFolder, "Dependencies"), "*.dll")
            .Where(p => !platformNames.Contains(Path.GetFileNameWithoutExtension(p)))
            .Append(Path.Combine(ModuleFolder, "Kaviar.Ops.Cmdlets.dll"));
        using var context = new MetadataLoadContext(new PathAssemblyResolver(platform.Concat(module)), "mscorlib");

        var references = PlatformReferences(context, assemblyPath, platformNames).ToList();
        var missing = references.Where(r => r.Missing).Select(r => r.Description).ToList();

        // Hundreds of framework and PowerShell members are used; a scan that found few would prove nothing.
        Assert.True(references.Count > 200, $"only {references.Count} platform references were read");
        Assert.True(missing.Count == 0, "Missing on .NET Framework 4.7.2 / PowerShell 5.1:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void The_scan_sees_a_member_that_dotnet_framework_lacks()
    {
        // string.Contains(char) is netstandard2.1 and .NET Core only: the scan must report such a call, or it proves nothing.
        var framework = Metadata("NetFramework472ReferenceAssemblies");
        using var context = new MetadataLoadContext(new PathAssemblyResolver(Directory.GetFiles(framework, "*.dll")), "mscorlib");
        var stringType = context.LoadFromAssemblyName("mscorlib").GetType("System.String", throwOnError: true)!;

        Assert.False(HasMember(stringType, "Contains", 1, isMethod: true, parameterTypes: new[] { "System.Char" }));
        Assert.True(HasMember(stringType, "Contains", 1, isMethod: true, parameterTypes: new[] { "System.String" }));
    }

    private static IEnumerable<(string Description, bool Missing)> PlatformReferences(MetadataLoadContext context, string assemblyPath, HashSet<string> platformNames)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        var assembly = Path.GetFileName(assemblyPath);
        foreach (var handle in reader.MemberReferences)
        {
            var member = reader.GetMemberReference(handle);
            var parent = TypeReferenceOf(reader, member.Parent);
            if (parent is not { } typeReference || !IsPlatform(reader, typeReference, platformNames))
            {
                continue;
            }

            var typeName = FullName(reader, typeReference);
            var type = Resolve(context, reader, typeReference);
            var name = reader.GetString(member.Name);
            if (type == null)
            {
                yield return ($"{assembly}: type {typeName} (used for {name})", true);
                continue;
            }

            var isMethod = member.GetKind() == MemberReferenceKind.Method;
            IReadOnlyList<string?> parameterTypes = isMethod ? member.DecodeMethodSignature(new TypeNames(reader), null).ParameterTypes : Array.Empty<string?>();
            yield return ($"{assembly}: {typeName}.{name}({string.Join(", ", parameterTypes)})", !HasMember(type, name, parameterTypes.Count, isMethod, parameterTypes));
        }
    }

    /// <summary>By name, parameter count and, where the signature names plain types, their names; generic parameters match anything.</summary>
    private static bool HasMember(Type type, string name, int parameterCount, bool isMethod, IReadOnlyList<string?> parameterTypes)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        if (!isMethod)
        {
            return AndBases(type).Any(t => t.GetField(name, all | BindingFlags.DeclaredOnly) != null);
        }

        IEnumerable<MethodBase> candidates = name == ".ctor"
            ? type.GetConstructors(all)
            : AndBases(type).Concat(type.GetInterfaces()).SelectMany(t => t.GetMethods(all | BindingFlags.DeclaredOnly)).Where(m => m.Name == name);
        return candidates.Any(m =>
        {
            var parameters = m.GetParameters();
            return parameters.Length == parameterCount && parameters.Zip(parameterTypes, (p, expected) =>
                expected == null || p.ParameterType.IsGenericParameter || p.ParameterType.ContainsGenericParameters ||
                string.Equals(p.ParameterType.FullName ?? p.ParameterType.Name, expected, StringComparison.Ordinal)).All(x => x);
        });
    }

    private static IEnumerable<Type> AndBases(Type type)
    {
        for (var current = type; current != null; current = current.BaseType)
        {
            yield return current;
        }
    }

    private static TypeReferenceHandle? TypeReferenceOf(MetadataReader reader, EntityHandle parent)
    {
        switch (parent.Kind)
        {
            case HandleKind.TypeReference:
                return (TypeReferenceHandle)parent;
            case HandleKind.TypeSpecification:
                // A generic instantiation: GENERICINST, CLASS or VALUETYPE, then the generic type itself.
                var blob = reader.GetBlobReader(reader.GetTypeSpecification((TypeSpecificationHandle)parent).Signature);
                if (blob.ReadSignatureTypeCode() != SignatureTypeCode.GenericTypeInstance)
                {
                    return null;
                }

                blob.ReadSignatureTypeCode();
                var generic = blob.ReadTypeHandle();
                return generic.Kind == HandleKind.TypeReference ? (TypeReferenceHandle)generic : null;
            default:
                return null;
        }
    }

    private static bool IsPlatform(MetadataReader reader, TypeReferenceHandle handle, HashSet<string> platformNames)
    {
        var scope = reader.GetTypeReference(handle).ResolutionScope;
        while (scope.Kind == HandleKind.TypeReference)
        {
            scope = reader.GetTypeReference((TypeReferenceHandle)scope).ResolutionScope;
        }

        return scope.Kind == HandleKind.AssemblyReference &&
               platformNames.Contains(reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name));
    }

    private static Type? Resolve(MetadataLoadContext context, MetadataReader reader, TypeReferenceHandle handle)
    {
        var reference = reader.GetTypeReference(handle);
        if (reference.ResolutionScope.Kind == HandleKind.TypeReference)
        {
            return Resolve(context, reader, (TypeReferenceHandle)reference.ResolutionScope)?
                .GetNestedType(reader.GetString(reference.Name), BindingFlags.Public | BindingFlags.NonPublic);
        }

        var assemblyName = reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)reference.ResolutionScope).Name);
        try
        {
            return context.LoadFromAssemblyName(assemblyName).GetType(FullName(reader, handle), throwOnError: false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
    }

    private static string FullName(MetadataReader reader, TypeReferenceHandle handle)
    {
        var reference = reader.GetTypeReference(handle);
        var name = reader.GetString(reference.Name);
        return reference.ResolutionScope.Kind == HandleKind.TypeReference
            ? FullName(reader, (TypeReferenceHandle)reference.ResolutionScope) + "+" + name
            : (reader.GetString(reference.Namespace) is { Length: > 0 } ns ? ns + "." + name : name);
    }

    /// <summary>Names of the plain types in a signature; null for anything generic, by-ref, array or pointer (matched loosely).</summary>
    private sealed class TypeNames : ISignatureTypeProvider<string?, object?>
    {
        private readonly MetadataReader reader;

        public TypeNames(MetadataReader reader) => this.reader = reader;

        public string? GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Boolean => "System.Boolean",
            PrimitiveTypeCode.Char => "System.Char",
            PrimitiveTypeCode.SByte => "System.SByte",
            PrimitiveTypeCode.Byte => "System.Byte",
            PrimitiveTypeCode.Int16 => "System.Int16",
            PrimitiveTypeCode.UInt16 => "System.UInt16",
            PrimitiveTypeCode.Int32 => "System.Int32",
            PrimitiveTypeCode.UInt32 => "System.UInt32",
            PrimitiveTypeCode.Int64 => "System.Int64",
            PrimitiveTypeCode.UInt64 => "System.UInt64",
            PrimitiveTypeCode.Single => "System.Single",
            PrimitiveTypeCode.Double => "System.Double",
            PrimitiveTypeCode.String => "System.String",
            PrimitiveTypeCode.Object => "System.Object",
            PrimitiveTypeCode.IntPtr => "System.IntPtr",
            PrimitiveTypeCode.UIntPtr => "System.UIntPtr",
            PrimitiveTypeCode.Void => "System.Void",
            _ => null,
        };

        public string? GetTypeFromDefinition(MetadataReader metadataReader, TypeDefinitionHandle handle, byte rawTypeKind)
        {
            var definition = metadataReader.GetTypeDefinition(handle);
            return metadataReader.GetString(definition.Namespace) + "." + metadataReader.GetString(definition.Name);
        }

        public string? GetTypeFromReference(MetadataReader metadataReader, TypeReferenceHandle handle, byte rawTypeKind) => FullName(reader, handle);

        public string? GetTypeFromSpecification(MetadataReader metadataReader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) => null;

        public string? GetSZArrayType(string? elementType) => null;

        public string? GetArrayType(string? elementType, ArrayShape shape) => null;

        public string? GetByReferenceType(string? elementType) => null;

        public string? GetPointerType(string? elementType) => null;

        public string? GetGenericInstantiation(string? genericType, System.Collections.Immutable.ImmutableArray<string?> typeArguments) => null;

        public string? GetGenericMethodParameter(object? genericContext, int index) => null;

        public string? GetGenericTypeParameter(object? genericContext, int index) => null;

        public string? GetFunctionPointerType(MethodSignature<string?> signature) => null;

        public string? GetModifiedType(string? modifier, string? unmodifiedType, bool isRequired) => unmodifiedType;

        public string? GetPinnedType(string? elementType) => elementType;
    }
}
