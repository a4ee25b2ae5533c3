using System;
using System.Xml.Linq;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ElasticLoadBalancingV2.Internal;

/// <summary>Wire mapping of the Elastic Load Balancing v2 operations (awsQuery, PascalCase members, ISO 8601 timestamps).</summary>
internal static class ElasticLoadBalancingV2Operations
{
    internal static readonly ServiceOperation<DescribeLoadBalancersRequest, DescribeLoadBalancersResponse> DescribeLoadBalancers = Operation<DescribeLoadBalancersRequest, DescribeLoadBalancersResponse>(
        "DescribeLoadBalancers",
        (q, r) =>
        {
            q.Opt("LoadBalancerArns", r.LoadBalancerArns);
            q.Opt("Names", r.Names);
            q.Opt("Marker", r.Marker);
            q.Opt("PageSize", r.PageSize);
        },
        result => new DescribeLoadBalancersResponse
        {
            LoadBalancers = result.Members("LoadBalancers", ElasticLoadBalancingV2Shapes.ReadLoadBalancer),
            NextMarker = result.Str("NextMarker"),
        });

    internal static readonly ServiceOperation<DescribeTargetGroupsRequest, DescribeTargetGroupsResponse> DescribeTargetGroups = Operation<DescribeTargetGroupsRequest, DescribeTargetGroupsResponse>(
        "DescribeTargetGroups",
        (q, r) =>
        {
            q.Opt("LoadBalancerArn", r.LoadBalancerArn);
            q.Opt("TargetGroupArns", r.TargetGroupArns);
            q.Opt("Names", r.Names);
            q.Opt("Marker", r.Marker);
            q.Opt("PageSize", r.PageSize);
        },
        result => new DescribeTargetGroupsResponse
        {
            TargetGroups = result.Members("TargetGroups", ElasticLoadBalancingV2Shapes.ReadTargetGroup),
            NextMarker = result.Str("NextMarker"),
        });

    internal static readonly ServiceOperation<DescribeListenersRequest, DescribeListenersResponse> DescribeListeners = Operation<DescribeListenersRequest, DescribeListenersResponse>(
        "DescribeListeners",
        (q, r) =>
        {
            q.Opt("LoadBalancerArn", r.LoadBalancerArn);
            q.Opt("ListenerArns", r.ListenerArns);
            q.Opt("Marker", r.Marker);
            q.Opt("PageSize", r.PageSize);
        },
        result => new DescribeListenersResponse
        {
            Listeners = result.Members("Listeners", ElasticLoadBalancingV2Shapes.ReadListener),
            NextMarker = result.Str("NextMarker"),
        });

    internal static readonly ServiceOperation<DescribeRulesRequest, DescribeRulesResponse> DescribeRules = Operation<DescribeRulesRequest, DescribeRulesResponse>(
        "DescribeRules",
        (q, r) =>
        {
            q.Opt("ListenerArn", r.ListenerArn);
            q.Opt("RuleArns", r.RuleArns);
            q.Opt("Marker", r.Marker);
            q.Opt("PageSize", r.PageSize);
        },
        result => new DescribeRulesResponse
        {
            Rules = result.Members("Rules", ElasticLoadBalancingV2Shapes.ReadRule),
            NextMarker = result.Str("NextMarker"),
        });

    internal static readonly ServiceOperation<DescribeTargetHealthRequest, DescribeTargetHealthResponse> DescribeTargetHealth = Operation<DescribeTargetHealthRequest, DescribeTargetHealthResponse>(
        "DescribeTargetHealth",
        (q, r) =>
        {
            q.Opt("TargetGroupArn", r.TargetGroupArn);
            q.Opt("Targets", r.Targets, ElasticLoadBalancingV2Shapes.WriteTargetDescription);
        },
        result => new DescribeTargetHealthResponse
        {
            TargetHealthDescriptions = result.Members("TargetHealthDescriptions", ElasticLoadBalancingV2Shapes.ReadTargetHealthDescription),
        });

    internal static readonly ServiceOperation<DescribeTargetGroupAttributesRequest, DescribeTargetGroupAttributesResponse> DescribeTargetGroupAttributes = Operation<DescribeTargetGroupAttributesRequest, DescribeTargetGroupAttributesResponse>(
        "DescribeTargetGroupAttributes",
        (q, r) => q.Opt("TargetGroupArn", r.TargetGroupArn),
        result => new DescribeTargetGroupAttributesResponse
        {
            Attributes = result.Members("Attributes", a => new TargetGroupAttribute { Key = a.Str("Key"), Value = a.Str("Value") }),
        });

    internal static readonly ServiceOperation<ModifyListenerRequest, ModifyListenerResponse> ModifyListener = Operation<ModifyListenerRequest, ModifyListenerResponse>(
        "ModifyListener",
        (q, r) =>
        {
            q.Opt("ListenerArn", r.ListenerArn);
            q.Opt("Port", r.Port);
            q.Opt("Protocol", r.Protocol);
            q.Opt("DefaultActions", r.DefaultActions, ElasticLoadBalancingV2Shapes.WriteAction);
        },
        result => new ModifyListenerResponse { Listeners = result.Members("Listeners", ElasticLoadBalancingV2Shapes.ReadListener) });

    private static ServiceOperation<TRequest, TResponse> Operation<TRequest, TResponse>(
        string action, Action<QueryWriter, TRequest> writeMembers, Func<XElement, TResponse> read)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse, new() =>
        new ServiceOperation<TRequest, TResponse>(
            new QueryRequestMarshaller<TRequest>("Amazon.ElasticLoadBalancingV2", action, "2015-12-01", writeMembers),
            new QueryResponseUnmarshaller<TResponse>(action, read, ElasticLoadBalancingV2Errors.Create));
}
