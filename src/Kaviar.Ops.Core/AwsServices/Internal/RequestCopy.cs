using System;
using System.Reflection;
using Amazon.Runtime;

namespace Kaviar.Ops.AwsServices.Internal;

/// <summary>Shallow copies of requests, so paging can set tokens without touching the caller's object.</summary>
internal static class RequestCopy
{
    private static readonly Func<object, object> CloneMembers =
        (Func<object, object>)typeof(object)
            .GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!
            .CreateDelegate(typeof(Func<object, object>));

    internal static T Shallow<T>(T request)
        where T : AmazonWebServiceRequest =>
        (T)CloneMembers(request ?? throw new ArgumentNullException(nameof(request)));
}
