using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;

namespace Kaviar.Ops.TestSupport;

/// <summary>
/// Finds where a secret is still reachable from an assembly's static state: every object graph hanging off its static
/// fields (pools, caches, registries) is walked, strings and char arrays are searched. Reflection objects are not
/// walked: they reach the whole runtime and hold no user data.
/// </summary>
public static class ManagedStateScanner
{
    private const int MaxObjects = 500_000;

    /// <returns>The path to each place the secret was found, e.g. "PoolManager.Pools → … → String".</returns>
    public static IReadOnlyList<string> FindSecret(Assembly assembly, string secret)
    {
        var found = new List<string>();
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var queue = new Queue<(object Value, string Path)>();
        foreach (var type in SafeTypes(assembly).Where(t => !t.ContainsGenericParameters))
        {
            foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic))
            {
                if (field.IsLiteral)
                {
                    continue;
                }

                object? value;
                try
                {
                    value = field.GetValue(null);
                }
                catch (Exception)
                {
                    continue;
                }

                if (value != null)
                {
                    queue.Enqueue((value, $"{type.Name}.{field.Name}"));
                }
            }
        }

        while (queue.Count > 0 && seen.Count < MaxObjects)
        {
            var (value, path) = queue.Dequeue();
            if (!seen.Add(value) || value is MemberInfo || value is Assembly || value is Module)
            {
                continue;
            }

            switch (value)
            {
                case string text:
                    if (text.Contains(secret, StringComparison.Ordinal))
                    {
                        found.Add(path);
                    }

                    continue;
                case char[] chars:
                    if (new string(chars).Contains(secret, StringComparison.Ordinal))
                    {
                        found.Add(path);
                    }

                    continue;
                case Array array:
                    if (!array.GetType().GetElementType()!.IsPrimitive)
                    {
                        foreach (var item in array)
                        {
                            if (item != null)
                            {
                                queue.Enqueue((item, path + "[]"));
                            }
                        }
                    }

                    continue;
            }

            for (var type = value.GetType(); type != null && type != typeof(object); type = type.BaseType)
            {
                if (type.IsPrimitive || type.IsPointer)
                {
                    break;
                }

                foreach (var field in type.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                {
                    if (field.FieldType.IsPointer || field.FieldType.IsByRefLike)
                    {
                        continue;
                    }

                    var child = field.GetValue(value);
                    if (child != null && !child.GetType().IsPrimitive)
                    {
                        queue.Enqueue((child, $"{path} → {type.Name}.{field.Name}"));
                    }
                }
            }
        }

        return found;
    }

    private static IEnumerable<Type> SafeTypes(Assembly assembly)
    {
        try
        {
            return assembly.GetTypes();
        }
        catch (ReflectionTypeLoadException partial)
        {
            return partial.Types.OfType<Type>();
        }
    }
}
