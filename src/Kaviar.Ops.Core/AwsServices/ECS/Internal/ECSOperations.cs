using System;
using System.Text.Json;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ECS.Model;
using Kaviar.Ops.AwsServices.Internal;

namespace Kaviar.Ops.AwsServices.ECS.Internal;

/// <summary>Wire mapping of the Amazon ECS operations (awsJson1_1, camelCase members, epoch-second timestamps).</summary>
internal static class ECSOperations
{
    internal static readonly ServiceOperation<DescribeClustersRequest, DescribeClustersResponse> DescribeClusters = Operation<DescribeClustersRequest, DescribeClustersResponse>(
        "DescribeClusters",
        (w, r) =>
        {
            w.Opt("clusters", r.Clusters);
            w.Opt("include", r.Include);
        },
        body => new DescribeClustersResponse { Clusters = body.List("clusters", ECSShapes.ReadCluster), Failures = body.List("failures", ECSShapes.ReadFailure) });

    internal static readonly ServiceOperation<ListClustersRequest, ListClustersResponse> ListClusters = Operation<ListClustersRequest, ListClustersResponse>(
        "ListClusters",
        (w, r) =>
        {
            w.Opt("nextToken", r.NextToken);
            w.Opt("maxResults", r.MaxResults);
        },
        body => new ListClustersResponse { ClusterArns = body.Strings("clusterArns"), NextToken = body.Str("nextToken") });

    internal static readonly ServiceOperation<ListServicesRequest, ListServicesResponse> ListServices = Operation<ListServicesRequest, ListServicesResponse>(
        "ListServices",
        (w, r) =>
        {
            w.Opt("cluster", r.Cluster);
            w.Opt("nextToken", r.NextToken);
            w.Opt("maxResults", r.MaxResults);
            w.Opt("launchType", r.LaunchType);
            w.Opt("schedulingStrategy", r.SchedulingStrategy);
        },
        body => new ListServicesResponse { ServiceArns = body.Strings("serviceArns"), NextToken = body.Str("nextToken") });

    internal static readonly ServiceOperation<DescribeServicesRequest, DescribeServicesResponse> DescribeServices = Operation<DescribeServicesRequest, DescribeServicesResponse>(
        "DescribeServices",
        (w, r) =>
        {
            w.Opt("cluster", r.Cluster);
            w.Opt("services", r.Services);
            w.Opt("include", r.Include);
        },
        body => new DescribeServicesResponse { Services = body.List("services", ECSShapes.ReadService), Failures = body.List("failures", ECSShapes.ReadFailure) });

    internal static readonly ServiceOperation<ListTasksRequest, ListTasksResponse> ListTasks = Operation<ListTasksRequest, ListTasksResponse>(
        "ListTasks",
        (w, r) =>
        {
            w.Opt("cluster", r.Cluster);
            w.Opt("containerInstance", r.ContainerInstance);
            w.Opt("family", r.Family);
            w.Opt("nextToken", r.NextToken);
            w.Opt("maxResults", r.MaxResults);
            w.Opt("startedBy", r.StartedBy);
            w.Opt("serviceName", r.ServiceName);
            w.Opt("desiredStatus", r.DesiredStatus);
            w.Opt("launchType", r.LaunchType);
        },
        body => new ListTasksResponse { TaskArns = body.Strings("taskArns"), NextToken = body.Str("nextToken") });

    internal static readonly ServiceOperation<DescribeTasksRequest, DescribeTasksResponse> DescribeTasks = Operation<DescribeTasksRequest, DescribeTasksResponse>(
        "DescribeTasks",
        (w, r) =>
        {
            w.Opt("cluster", r.Cluster);
            w.Opt("tasks", r.Tasks);
            w.Opt("include", r.Include);
        },
        body => new DescribeTasksResponse { Tasks = body.List("tasks", ECSShapes.ReadTask), Failures = body.List("failures", ECSShapes.ReadFailure) });

    internal static readonly ServiceOperation<DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse> DescribeTaskDefinition = Operation<DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse>(
        "DescribeTaskDefinition",
        (w, r) =>
        {
            w.Opt("taskDefinition", r.TaskDefinition);
            w.Opt("include", r.Include);
        },
        body => new DescribeTaskDefinitionResponse { TaskDefinition = body.Obj("taskDefinition", ECSShapes.ReadTaskDefinition), Tags = body.List("tags", ECSShapes.ReadTag) });

    internal static readonly ServiceOperation<ListTaskDefinitionsRequest, ListTaskDefinitionsResponse> ListTaskDefinitions = Operation<ListTaskDefinitionsRequest, ListTaskDefinitionsResponse>(
        "ListTaskDefinitions",
        (w, r) =>
        {
            w.Opt("familyPrefix", r.FamilyPrefix);
            w.Opt("status", r.Status);
            w.Opt("sort", r.Sort);
            w.Opt("nextToken", r.NextToken);
            w.Opt("maxResults", r.MaxResults);
        },
        body => new ListTaskDefinitionsResponse { TaskDefinitionArns = body.Strings("taskDefinitionArns"), NextToken = body.Str("nextToken") });

    internal static readonly ServiceOperation<RunTaskRequest, RunTaskResponse> RunTask = Operation<RunTaskRequest, RunTaskResponse>(
        "RunTask",
        (w, r) =>
        {
            w.Opt("capacityProviderStrategy", r.CapacityProviderStrategy, ECSShapes.WriteCapacityProviderStrategyItem);
            w.Opt("cluster", r.Cluster);
            w.Opt("count", r.Count);
            w.Opt("enableECSManagedTags", r.EnableECSManagedTags);
            w.Opt("enableExecuteCommand", r.EnableExecuteCommand);
            w.Opt("group", r.Group);
            w.Opt("launchType", r.LaunchType);
            w.Opt("networkConfiguration", r.NetworkConfiguration, ECSShapes.WriteNetworkConfiguration);
            w.Opt("overrides", r.Overrides, ECSShapes.WriteTaskOverride);
            w.Opt("platformVersion", r.PlatformVersion);
            w.Opt("propagateTags", r.PropagateTags);
            w.Opt("startedBy", r.StartedBy);
            w.Opt("tags", r.Tags, ECSShapes.WriteTag);
            w.Opt("taskDefinition", r.TaskDefinition);
            w.Opt("clientToken", r.ClientToken);
        },
        body => new RunTaskResponse { Tasks = body.List("tasks", ECSShapes.ReadTask), Failures = body.List("failures", ECSShapes.ReadFailure) });

    internal static readonly ServiceOperation<StopTaskRequest, StopTaskResponse> StopTask = Operation<StopTaskRequest, StopTaskResponse>(
        "StopTask",
        (w, r) =>
        {
            w.Opt("cluster", r.Cluster);
            w.Opt("task", r.Task);
            w.Opt("reason", r.Reason);
        },
        body => new StopTaskResponse { Task = body.Obj("task", ECSShapes.ReadTask) });

    internal static readonly ServiceOperation<UpdateServiceRequest, UpdateServiceResponse> UpdateService = Operation<UpdateServiceRequest, UpdateServiceResponse>(
        "UpdateService",
        (w, r) =>
        {
            w.Opt("cluster", r.Cluster);
            w.Opt("service", r.Service);
            w.Opt("desiredCount", r.DesiredCount);
            w.Opt("taskDefinition", r.TaskDefinition);
            w.Opt("capacityProviderStrategy", r.CapacityProviderStrategy, ECSShapes.WriteCapacityProviderStrategyItem);
            w.Opt("deploymentConfiguration", r.DeploymentConfiguration, ECSShapes.WriteDeploymentConfiguration);
            w.Opt("networkConfiguration", r.NetworkConfiguration, ECSShapes.WriteNetworkConfiguration);
            w.Opt("platformVersion", r.PlatformVersion);
            w.Opt("forceNewDeployment", r.ForceNewDeployment);
            w.Opt("healthCheckGracePeriodSeconds", r.HealthCheckGracePeriodSeconds);
            w.Opt("enableExecuteCommand", r.EnableExecuteCommand);
        },
        body => new UpdateServiceResponse { Service = body.Obj("service", ECSShapes.ReadService) });

    internal static readonly ServiceOperation<RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse> RegisterTaskDefinition = Operation<RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse>(
        "RegisterTaskDefinition",
        (w, r) =>
        {
            if (r.Document != null)
            {
                using var document = JsonDocument.Parse(r.Document);
                foreach (var member in document.RootElement.EnumerateObject())
                {
                    member.WriteTo(w);
                }

                w.Opt("tags", r.Tags, ECSShapes.WriteTag);
                return;
            }

            w.Opt("family", r.Family);
            w.Opt("taskRoleArn", r.TaskRoleArn);
            w.Opt("executionRoleArn", r.ExecutionRoleArn);
            w.Opt("networkMode", r.NetworkMode);
            w.Opt("containerDefinitions", r.ContainerDefinitions, ECSShapes.WriteContainerDefinition);
            w.Opt("volumes", r.Volumes, ECSShapes.WriteVolume);
            w.Opt("requiresCompatibilities", r.RequiresCompatibilities);
            w.Opt("cpu", r.Cpu);
            w.Opt("memory", r.Memory);
            w.Opt("tags", r.Tags, ECSShapes.WriteTag);
            w.Opt("ephemeralStorage", r.EphemeralStorage, (sw, s) => sw.Opt("sizeInGiB", s.SizeInGiB));
            w.Opt("runtimePlatform", r.RuntimePlatform, ECSShapes.WriteRuntimePlatform);
        },
        body => new RegisterTaskDefinitionResponse { TaskDefinition = body.Obj("taskDefinition", ECSShapes.ReadTaskDefinition), Tags = body.List("tags", ECSShapes.ReadTag) });

    internal static readonly ServiceOperation<ListServiceDeploymentsRequest, ListServiceDeploymentsResponse> ListServiceDeployments = Operation<ListServiceDeploymentsRequest, ListServiceDeploymentsResponse>(
        "ListServiceDeployments",
        (w, r) =>
        {
            w.Opt("service", r.Service);
            w.Opt("cluster", r.Cluster);
            w.Opt("status", r.Status);
            w.Opt("createdAt", r.CreatedAt, (cw, c) =>
            {
                cw.OptEpochSeconds("before", c.Before);
                cw.OptEpochSeconds("after", c.After);
            });
            w.Opt("nextToken", r.NextToken);
            w.Opt("maxResults", r.MaxResults);
        },
        body => new ListServiceDeploymentsResponse
        {
            ServiceDeployments = body.List("serviceDeployments", ECSShapes.ReadServiceDeploymentBrief),
            NextToken = body.Str("nextToken"),
        });

    internal static readonly ServiceOperation<DescribeServiceDeploymentsRequest, DescribeServiceDeploymentsResponse> DescribeServiceDeployments = Operation<DescribeServiceDeploymentsRequest, DescribeServiceDeploymentsResponse>(
        "DescribeServiceDeployments",
        (w, r) => w.Opt("serviceDeploymentArns", r.ServiceDeploymentArns),
        body => new DescribeServiceDeploymentsResponse
        {
            ServiceDeployments = body.List("serviceDeployments", ECSShapes.ReadServiceDeployment),
            Failures = body.List("failures", ECSShapes.ReadFailure),
        });

    internal static readonly ServiceOperation<DescribeServiceRevisionsRequest, DescribeServiceRevisionsResponse> DescribeServiceRevisions = Operation<DescribeServiceRevisionsRequest, DescribeServiceRevisionsResponse>(
        "DescribeServiceRevisions",
        (w, r) => w.Opt("serviceRevisionArns", r.ServiceRevisionArns),
        body => new DescribeServiceRevisionsResponse
        {
            ServiceRevisions = body.List("serviceRevisions", ECSShapes.ReadServiceRevision),
            Failures = body.List("failures", ECSShapes.ReadFailure),
        });

    internal static readonly ServiceOperation<StopServiceDeploymentRequest, StopServiceDeploymentResponse> StopServiceDeployment = Operation<StopServiceDeploymentRequest, StopServiceDeploymentResponse>(
        "StopServiceDeployment",
        (w, r) =>
        {
            w.Opt("serviceDeploymentArn", r.ServiceDeploymentArn);
            w.Opt("stopType", r.StopType);
        },
        body => new StopServiceDeploymentResponse { ServiceDeploymentArn = body.Str("serviceDeploymentArn") });

    private static ServiceOperation<TRequest, TResponse> Operation<TRequest, TResponse>(
        string name, Action<Utf8JsonWriter, TRequest> writeMembers, Func<JsonElement, TResponse> read)
        where TRequest : AmazonWebServiceRequest
        where TResponse : AmazonWebServiceResponse, new() =>
        new ServiceOperation<TRequest, TResponse>(
            new JsonRpcRequestMarshaller<TRequest>("Amazon.ECS", "AmazonEC2ContainerServiceV20141113." + name, "2014-11-13", writeMembers),
            new JsonRpcResponseUnmarshaller<TResponse>(read, ECSErrors.Create));
}
