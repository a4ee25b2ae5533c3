using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json;
using System.Threading.Tasks;
using Amazon.Runtime;
using Kaviar.Ops.AwsServices.ECS;
using Kaviar.Ops.AwsServices.ECS.Model;
using Xunit;
using EcsTask = Kaviar.Ops.AwsServices.ECS.Model.Task;
using KeyValuePair = Kaviar.Ops.AwsServices.ECS.Model.KeyValuePair;

namespace Kaviar.Ops.Core.Tests.AwsServices;

public sealed class EcsClientTests : IDisposable
{
    private readonly FakeAwsServer server = new FakeAwsServer();
    private readonly AmazonECSClient client;

    public EcsClientTests()
    {
        client = new AmazonECSClient(
            FakeAwsServer.Credentials,
            new AmazonECSConfig { ServiceURL = server.Url, AuthenticationRegion = "eu-west-1", RetryMode = RequestRetryMode.Standard, MaxErrorRetry = 2 });
    }

    public void Dispose()
    {
        client.Dispose();
        server.Dispose();
    }

    [Fact]
    public async System.Threading.Tasks.Task DescribeServices_SendsSignedJsonRpcAndParsesEveryModeledMember()
    {
        server.EnqueueJson(DescribeServicesBody);

        var response = await client.DescribeServicesAsync(new DescribeServicesRequest
        {
            Cluster = "prod",
            Services = new List<string> { "web", "gone" },
            Include = new List<string>(),
        });

        var request = server.SingleRequest;
        Assert.Equal("POST", request.Method);
        Assert.Equal("/", request.Path);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.DescribeServices", request.Header("X-Amz-Target"));
        Assert.StartsWith("application/x-amz-json-1.1", request.Header("Content-Type"));
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIDKAVIARTEST/", request.Header("Authorization"));
        Assert.Contains("/eu-west-1/ecs/aws4_request", request.Header("Authorization"));
        Assert.Equal("{\"cluster\":\"prod\",\"services\":[\"web\",\"gone\"],\"include\":[]}", request.Body);

        Assert.Equal(HttpStatusCode.OK, response.HttpStatusCode);
        Assert.Equal("req-1", response.ResponseMetadata.RequestId);
        var failure = Assert.Single(response.Failures);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:service/prod/gone", failure.Arn);
        Assert.Equal("MISSING", failure.Reason);
        Assert.Null(failure.Detail);

        var service = Assert.Single(response.Services);
        Assert.Equal("web", service.ServiceName);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:service/prod/web", service.ServiceArn);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:cluster/prod", service.ClusterArn);
        Assert.Equal("ACTIVE", service.Status);
        Assert.Equal(2, service.DesiredCount);
        Assert.Equal(0, service.RunningCount);
        Assert.Equal(1, service.PendingCount);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7", service.TaskDefinition);
        Assert.Equal("FARGATE", service.LaunchType);
        Assert.Equal("LATEST", service.PlatformVersion);
        Assert.Equal(60, service.HealthCheckGracePeriodSeconds);
        Assert.Equal("REPLICA", service.SchedulingStrategy);
        Assert.False(service.EnableExecuteCommand);
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, 500, DateTimeKind.Utc), service.CreatedAt);
        Assert.Equal(DateTimeKind.Utc, service.CreatedAt!.Value.Kind);
        Assert.Empty(service.CapacityProviderStrategy);
        Assert.Null(service.RoleArn);

        var lb = Assert.Single(service.LoadBalancers);
        Assert.Equal("arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc", lb.TargetGroupArn);
        Assert.Null(lb.LoadBalancerName);
        Assert.Equal("app", lb.ContainerName);
        Assert.Equal(8080, lb.ContainerPort);

        var vpc = service.NetworkConfiguration.AwsvpcConfiguration;
        Assert.Equal(new[] { "subnet-a", "subnet-b" }, vpc.Subnets);
        Assert.Equal(new[] { "sg-1" }, vpc.SecurityGroups);
        Assert.Equal("DISABLED", vpc.AssignPublicIp);

        Assert.True(service.DeploymentConfiguration.DeploymentCircuitBreaker.Enable);
        Assert.False(service.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback);
        Assert.Equal(200, service.DeploymentConfiguration.MaximumPercent);
        Assert.Equal(100, service.DeploymentConfiguration.MinimumHealthyPercent);

        var deployment = Assert.Single(service.Deployments);
        Assert.Equal("ecs-svc/123", deployment.Id);
        Assert.Equal("PRIMARY", deployment.Status);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7", deployment.TaskDefinition);
        Assert.Equal(2, deployment.DesiredCount);
        Assert.Equal(1, deployment.PendingCount);
        Assert.Equal(0, deployment.RunningCount);
        Assert.Equal(3, deployment.FailedTasks);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 0, DateTimeKind.Utc), deployment.CreatedAt);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 5, 30, 250, DateTimeKind.Utc), deployment.UpdatedAt);
        Assert.Equal("FARGATE", deployment.LaunchType);
        Assert.Equal("1.4.0", deployment.PlatformVersion);
        Assert.Equal(new[] { "subnet-a" }, deployment.NetworkConfiguration.AwsvpcConfiguration.Subnets);
        Assert.Equal("IN_PROGRESS", deployment.RolloutState);
        Assert.Equal("ECS deployment ecs-svc/123 in progress.", deployment.RolloutStateReason);
        var strategy = Assert.Single(deployment.CapacityProviderStrategy);
        Assert.Equal("FARGATE_SPOT", strategy.CapacityProvider);
        Assert.Equal(3, strategy.Weight);
        Assert.Equal(1, strategy.Base);

        Assert.Equal(2, service.Events.Count);
        Assert.Equal("ev-2", service.Events[0].Id);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 6, 0, DateTimeKind.Utc), service.Events[0].CreatedAt);
        Assert.Equal("(service web) is unable to consistently start tasks successfully.", service.Events[0].Message);
        Assert.Equal("ev-1", service.Events[1].Id);
    }

    [Fact]
    public async System.Threading.Tasks.Task DescribeTasks_ParsesTimestampsContainersAttachmentsAndOverrides()
    {
        server.EnqueueJson(DescribeTasksBody);

        var response = await client.DescribeTasksAsync(new DescribeTasksRequest { Cluster = "prod", Tasks = new List<string> { "t1" } });

        Assert.Equal("{\"cluster\":\"prod\",\"tasks\":[\"t1\"]}", server.SingleRequest.Body);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.DescribeTasks", server.SingleRequest.Header("X-Amz-Target"));
        Assert.Empty(response.Failures);
        var task = Assert.Single(response.Tasks);
        AssertStoppedTask(task);
    }

    [Fact]
    public async System.Threading.Tasks.Task RunTask_SerializesOverridesNetworkTagsAndStrategy()
    {
        server.EnqueueJson("{\"tasks\":[],\"failures\":[{\"arn\":\"arn:aws:ecs:eu-west-1:123456789012:container-instance/x\",\"reason\":\"RESOURCE:MEMORY\",\"detail\":\"not enough\"}]}");

        var response = await client.RunTaskAsync(new RunTaskRequest
        {
            Cluster = "prod",
            TaskDefinition = "web-migrate:3",
            Count = 1,
            Group = "kaviar:probe",
            LaunchType = "FARGATE",
            PlatformVersion = "LATEST",
            StartedBy = "kaviar-ops",
            ClientToken = "tok-1",
            EnableExecuteCommand = false,
            NetworkConfiguration = new NetworkConfiguration
            {
                AwsvpcConfiguration = new AwsVpcConfiguration
                {
                    Subnets = new List<string> { "subnet-a" },
                    SecurityGroups = new List<string> { "sg-1", "sg-2" },
                    AssignPublicIp = "DISABLED",
                },
            },
            Overrides = new TaskOverride
            {
                ContainerOverrides = new List<ContainerOverride>
                {
                    new ContainerOverride
                    {
                        Name = "app",
                        Command = new List<string> { "sh", "-c", "nc -zv db 5432" },
                        Environment = new List<KeyValuePair> { new KeyValuePair { Name = "PGHOST", Value = "db.internal" } },
                    },
                },
            },
            Tags = new List<Tag> { new Tag { Key = "owner", Value = "kaviar" } },
            CapacityProviderStrategy = new List<CapacityProviderStrategyItem> { new CapacityProviderStrategyItem { CapacityProvider = "FARGATE", Weight = 1 } },
        });

        Assert.Equal("AmazonEC2ContainerServiceV20141113.RunTask", server.SingleRequest.Header("X-Amz-Target"));
        Assert.Equal(
            "{\"capacityProviderStrategy\":[{\"capacityProvider\":\"FARGATE\",\"weight\":1}],\"cluster\":\"prod\",\"count\":1,"
            + "\"enableExecuteCommand\":false,\"group\":\"kaviar:probe\",\"launchType\":\"FARGATE\","
            + "\"networkConfiguration\":{\"awsvpcConfiguration\":{\"subnets\":[\"subnet-a\"],\"securityGroups\":[\"sg-1\",\"sg-2\"],\"assignPublicIp\":\"DISABLED\"}},"
            + "\"overrides\":{\"containerOverrides\":[{\"name\":\"app\",\"command\":[\"sh\",\"-c\",\"nc -zv db 5432\"],\"environment\":[{\"name\":\"PGHOST\",\"value\":\"db.internal\"}]}]},"
            + "\"platformVersion\":\"LATEST\",\"startedBy\":\"kaviar-ops\",\"tags\":[{\"key\":\"owner\",\"value\":\"kaviar\"}],"
            + "\"taskDefinition\":\"web-migrate:3\",\"clientToken\":\"tok-1\"}",
            server.SingleRequest.Body);
        Assert.Empty(response.Tasks);
        var failure = Assert.Single(response.Failures);
        Assert.Equal("RESOURCE:MEMORY", failure.Reason);
        Assert.Equal("not enough", failure.Detail);
    }

    [Fact]
    public async System.Threading.Tasks.Task DescribeTaskDefinition_ParsesContainerDefinitions()
    {
        server.EnqueueJson(@"{""taskDefinition"":{""taskDefinitionArn"":""arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7"",
            ""family"":""web"",""revision"":7,""status"":""ACTIVE"",""networkMode"":""awsvpc"",""requiresCompatibilities"":[""FARGATE""],
            ""cpu"":""256"",""memory"":""512"",""executionRoleArn"":""arn:aws:iam::123456789012:role/exec"",
            ""containerDefinitions"":[{""name"":""app"",""image"":""123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2"",""essential"":true,
              ""cpu"":0,""command"":[""./serve""],""entryPoint"":[],""portMappings"":[{""containerPort"":8080,""hostPort"":8080,""protocol"":""tcp""}],
              ""environment"":[{""name"":""PORT"",""value"":""8080""}],
              ""logConfiguration"":{""logDriver"":""awslogs"",""options"":{""awslogs-group"":""/ecs/web"",""awslogs-region"":""eu-west-1"",""awslogs-stream-prefix"":""web""}}}]},
            ""tags"":[{""key"":""team"",""value"":""core""}]}");

        var response = await client.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = "web:7", Include = new List<string> { "TAGS" } });

        Assert.Equal("{\"taskDefinition\":\"web:7\",\"include\":[\"TAGS\"]}", server.SingleRequest.Body);
        var definition = response.TaskDefinition;
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7", definition.TaskDefinitionArn);
        Assert.Equal("web", definition.Family);
        Assert.Equal(7, definition.Revision);
        Assert.Equal("ACTIVE", definition.Status);
        Assert.Equal("awsvpc", definition.NetworkMode);
        Assert.Equal(new[] { "FARGATE" }, definition.RequiresCompatibilities);
        Assert.Equal("256", definition.Cpu);
        Assert.Equal("512", definition.Memory);
        Assert.Equal("arn:aws:iam::123456789012:role/exec", definition.ExecutionRoleArn);
        Assert.Null(definition.TaskRoleArn);
        var container = Assert.Single(definition.ContainerDefinitions);
        Assert.Equal("app", container.Name);
        Assert.Equal("123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:1.2", container.Image);
        Assert.True(container.Essential);
        Assert.Equal(0, container.Cpu);
        Assert.Null(container.Memory);
        Assert.Equal(new[] { "./serve" }, container.Command);
        Assert.Empty(container.EntryPoint);
        var port = Assert.Single(container.PortMappings);
        Assert.Equal(8080, port.ContainerPort);
        Assert.Equal(8080, port.HostPort);
        Assert.Equal("tcp", port.Protocol);
        Assert.Equal("PORT", Assert.Single(container.Environment).Name);
        Assert.Equal("awslogs", container.LogConfiguration.LogDriver);
        Assert.Equal("/ecs/web", container.LogConfiguration.Options["awslogs-group"]);
        Assert.Equal("web", container.LogConfiguration.Options["awslogs-stream-prefix"]);
        Assert.Equal(3, container.LogConfiguration.Options.Count);
        Assert.Equal("core", Assert.Single(response.Tags).Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task DescribeClusters_ParsesCountsAndFailures()
    {
        server.EnqueueJson(@"{""clusters"":[{""clusterArn"":""arn:aws:ecs:eu-west-1:123456789012:cluster/prod"",""clusterName"":""prod"",""status"":""ACTIVE"",
            ""registeredContainerInstancesCount"":0,""runningTasksCount"":3,""pendingTasksCount"":1,""activeServicesCount"":2,
            ""capacityProviders"":[""FARGATE"",""FARGATE_SPOT""],""defaultCapacityProviderStrategy"":[],""tags"":[]}],""failures"":[]}");

        var response = await client.DescribeClustersAsync(new DescribeClustersRequest { Clusters = new List<string> { "prod" } });

        Assert.Equal("{\"clusters\":[\"prod\"]}", server.SingleRequest.Body);
        var cluster = Assert.Single(response.Clusters);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:cluster/prod", cluster.ClusterArn);
        Assert.Equal("prod", cluster.ClusterName);
        Assert.Equal("ACTIVE", cluster.Status);
        Assert.Equal(0, cluster.RegisteredContainerInstancesCount);
        Assert.Equal(3, cluster.RunningTasksCount);
        Assert.Equal(1, cluster.PendingTasksCount);
        Assert.Equal(2, cluster.ActiveServicesCount);
        Assert.Equal(new[] { "FARGATE", "FARGATE_SPOT" }, cluster.CapacityProviders);
        Assert.Empty(cluster.DefaultCapacityProviderStrategy);
        Assert.Empty(cluster.Tags);
        Assert.Empty(response.Failures);
    }

    [Fact]
    public async System.Threading.Tasks.Task ListOperations_SendFiltersAndReadTokens()
    {
        server.EnqueueJson("{\"serviceArns\":[\"arn:s1\"],\"nextToken\":\"n1\"}")
            .EnqueueJson("{\"taskArns\":[]}")
            .EnqueueJson("{\"taskDefinitionArns\":[\"arn:td:1\",\"arn:td:2\"]}");

        var services = await client.ListServicesAsync(new ListServicesRequest { Cluster = "prod", MaxResults = 10, LaunchType = "FARGATE" });
        var tasks = await client.ListTasksAsync(new ListTasksRequest { Cluster = "prod", ServiceName = "web", DesiredStatus = "STOPPED", StartedBy = "ecs-svc/1", Family = "web", MaxResults = 100 });
        var definitions = await client.ListTaskDefinitionsAsync(new ListTaskDefinitionsRequest { FamilyPrefix = "web", Status = "ACTIVE", Sort = "DESC" });

        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListServices", server.Requests[0].Header("X-Amz-Target"));
        Assert.Equal("{\"cluster\":\"prod\",\"maxResults\":10,\"launchType\":\"FARGATE\"}", server.Requests[0].Body);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListTasks", server.Requests[1].Header("X-Amz-Target"));
        Assert.Equal("{\"cluster\":\"prod\",\"family\":\"web\",\"maxResults\":100,\"startedBy\":\"ecs-svc/1\",\"serviceName\":\"web\",\"desiredStatus\":\"STOPPED\"}", server.Requests[1].Body);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListTaskDefinitions", server.Requests[2].Header("X-Amz-Target"));
        Assert.Equal("{\"familyPrefix\":\"web\",\"status\":\"ACTIVE\",\"sort\":\"DESC\"}", server.Requests[2].Body);

        Assert.Equal(new[] { "arn:s1" }, services.ServiceArns);
        Assert.Equal("n1", services.NextToken);
        Assert.Empty(tasks.TaskArns);
        Assert.Null(tasks.NextToken);
        Assert.Equal(new[] { "arn:td:1", "arn:td:2" }, definitions.TaskDefinitionArns);
    }

    [Fact]
    public async System.Threading.Tasks.Task StopTaskAndUpdateService_RoundTrip()
    {
        server.EnqueueJson("{\"task\":" + StoppedTaskJson + "}")
            .EnqueueJson("{\"service\":{\"serviceName\":\"web\",\"desiredCount\":0,\"deployments\":[],\"events\":[]}}");

        var stopped = await client.StopTaskAsync(new StopTaskRequest { Cluster = "prod", Task = "t1", Reason = "kaviar: probe done" });
        var updated = await client.UpdateServiceAsync(new UpdateServiceRequest
        {
            Cluster = "prod",
            Service = "web",
            DesiredCount = 0,
            ForceNewDeployment = true,
            TaskDefinition = "web:6",
            HealthCheckGracePeriodSeconds = 120,
            DeploymentConfiguration = new DeploymentConfiguration
            {
                DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = true, Rollback = true },
                MinimumHealthyPercent = 50,
            },
        });

        Assert.Equal("AmazonEC2ContainerServiceV20141113.StopTask", server.Requests[0].Header("X-Amz-Target"));
        Assert.Equal("{\"cluster\":\"prod\",\"task\":\"t1\",\"reason\":\"kaviar: probe done\"}", server.Requests[0].Body);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.UpdateService", server.Requests[1].Header("X-Amz-Target"));
        Assert.Equal(
            "{\"cluster\":\"prod\",\"service\":\"web\",\"desiredCount\":0,\"taskDefinition\":\"web:6\","
            + "\"deploymentConfiguration\":{\"deploymentCircuitBreaker\":{\"enable\":true,\"rollback\":true},\"minimumHealthyPercent\":50},"
            + "\"forceNewDeployment\":true,\"healthCheckGracePeriodSeconds\":120}",
            server.Requests[1].Body);
        AssertStoppedTask(stopped.Task);
        Assert.Equal("web", updated.Service.ServiceName);
        Assert.Equal(0, updated.Service.DesiredCount);
        Assert.Empty(updated.Service.Deployments);
        Assert.Null(updated.Service.LoadBalancers);
        Assert.Null(updated.Service.CreatedAt);
    }

    [Fact]
    public async System.Threading.Tasks.Task RegisterTaskDefinition_SendsTheWholeContainerDefinitionAndReadsItBack()
    {
        var container = new ContainerDefinition
        {
            Name = "web",
            Image = "repo/web:v2",
            Cpu = 256,
            Essential = true,
            PortMappings = new List<PortMapping> { new PortMapping { ContainerPort = 3001, Protocol = "tcp" } },
            Command = new List<string> { "node", "server.js" },
            Environment = new List<KeyValuePair> { new KeyValuePair { Name = "PORT", Value = "3001" } },
            Secrets = new List<Secret> { new Secret { Name = "DB_PASSWORD", ValueFrom = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:db" } },
            HealthCheck = new HealthCheck { Command = new List<string> { "CMD-SHELL", "curl -f localhost:3001/health" }, Interval = 30, Retries = 3 },
            StopTimeout = 30,
            DependsOn = new List<ContainerDependency> { new ContainerDependency { ContainerName = "init", Condition = "SUCCESS" } },
            MountPoints = new List<MountPoint> { new MountPoint { SourceVolume = "data", ContainerPath = "/data", ReadOnly = false } },
            DockerLabels = new Dictionary<string, string> { ["team"] = "ops" },
            LogConfiguration = new LogConfiguration { LogDriver = "awslogs", Options = new Dictionary<string, string> { ["awslogs-group"] = "/ecs/web" } },
        };
        var expectedContainer = "{\"name\":\"web\",\"image\":\"repo/web:v2\",\"cpu\":256,\"portMappings\":[{\"containerPort\":3001,\"protocol\":\"tcp\"}],"
            + "\"essential\":true,\"command\":[\"node\",\"server.js\"],\"environment\":[{\"name\":\"PORT\",\"value\":\"3001\"}],"
            + "\"mountPoints\":[{\"sourceVolume\":\"data\",\"containerPath\":\"/data\",\"readOnly\":false}],"
            + "\"secrets\":[{\"name\":\"DB_PASSWORD\",\"valueFrom\":\"arn:aws:secretsmanager:eu-west-1:123456789012:secret:db\"}],"
            + "\"dependsOn\":[{\"containerName\":\"init\",\"condition\":\"SUCCESS\"}],\"stopTimeout\":30,\"dockerLabels\":{\"team\":\"ops\"},"
            + "\"logConfiguration\":{\"logDriver\":\"awslogs\",\"options\":{\"awslogs-group\":\"/ecs/web\"}},"
            + "\"healthCheck\":{\"command\":[\"CMD-SHELL\",\"curl -f localhost:3001/health\"],\"interval\":30,\"retries\":3}}";
        server.EnqueueJson("{\"taskDefinition\":{\"taskDefinitionArn\":\"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:8\",\"family\":\"web\",\"revision\":8,"
            + "\"status\":\"ACTIVE\",\"registeredAt\":1714557600.5,\"compatibilities\":[\"EC2\",\"FARGATE\"],"
            + "\"runtimePlatform\":{\"cpuArchitecture\":\"ARM64\",\"operatingSystemFamily\":\"LINUX\"},"
            + "\"volumes\":[{\"name\":\"data\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"fs-1\",\"transitEncryption\":\"ENABLED\"}}],"
            + "\"containerDefinitions\":[" + expectedContainer + "]},\"tags\":[{\"key\":\"app\",\"value\":\"web\"}]}");

        var response = await client.RegisterTaskDefinitionAsync(new RegisterTaskDefinitionRequest
        {
            Family = "web",
            ContainerDefinitions = new List<ContainerDefinition> { container },
            ExecutionRoleArn = "arn:aws:iam::123456789012:role/exec",
            NetworkMode = "awsvpc",
            RequiresCompatibilities = new List<string> { "FARGATE" },
            Cpu = "512",
            Memory = "1024",
            Volumes = new List<Volume> { new Volume { Name = "data", EfsVolumeConfiguration = new EFSVolumeConfiguration { FileSystemId = "fs-1", TransitEncryption = "ENABLED" } } },
            RuntimePlatform = new RuntimePlatform { CpuArchitecture = "ARM64", OperatingSystemFamily = "LINUX" },
            Tags = new List<Tag> { new Tag { Key = "app", Value = "web" } },
        });

        Assert.Equal("AmazonEC2ContainerServiceV20141113.RegisterTaskDefinition", server.SingleRequest.Header("X-Amz-Target"));
        Assert.Equal(
            "{\"family\":\"web\",\"executionRoleArn\":\"arn:aws:iam::123456789012:role/exec\",\"networkMode\":\"awsvpc\",\"containerDefinitions\":[" + expectedContainer + "],"
            + "\"volumes\":[{\"name\":\"data\",\"efsVolumeConfiguration\":{\"fileSystemId\":\"fs-1\",\"transitEncryption\":\"ENABLED\"}}],"
            + "\"requiresCompatibilities\":[\"FARGATE\"],\"cpu\":\"512\",\"memory\":\"1024\",\"tags\":[{\"key\":\"app\",\"value\":\"web\"}],"
            + "\"runtimePlatform\":{\"cpuArchitecture\":\"ARM64\",\"operatingSystemFamily\":\"LINUX\"}}",
            server.SingleRequest.Body);
        var definition = response.TaskDefinition;
        Assert.Equal((8, "ACTIVE"), (definition.Revision, definition.Status));
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, 500, DateTimeKind.Utc), definition.RegisteredAt);
        Assert.Equal("ARM64", definition.RuntimePlatform.CpuArchitecture);
        Assert.Equal("fs-1", Assert.Single(definition.Volumes).EfsVolumeConfiguration.FileSystemId);
        var read = Assert.Single(definition.ContainerDefinitions);
        Assert.Equal("arn:aws:secretsmanager:eu-west-1:123456789012:secret:db", Assert.Single(read.Secrets).ValueFrom);
        Assert.Equal(new[] { "CMD-SHELL", "curl -f localhost:3001/health" }, read.HealthCheck.Command);
        Assert.Equal((30, 3, (int?)null), (read.HealthCheck.Interval, read.HealthCheck.Retries, read.HealthCheck.Timeout));
        Assert.Equal(30, read.StopTimeout);
        Assert.Equal("SUCCESS", Assert.Single(read.DependsOn).Condition);
        Assert.Equal("/data", Assert.Single(read.MountPoints).ContainerPath);
        Assert.Equal("ops", read.DockerLabels["team"]);
        Assert.Equal("app", Assert.Single(response.Tags).Key);
    }

    [Fact]
    public async System.Threading.Tasks.Task ServiceDeployments_ListDescribeAndStop()
    {
        const string arn = "arn:aws:ecs:eu-west-1:123456789012:service-deployment/prod/web/123";
        server.EnqueueJson("{\"serviceDeployments\":[{\"serviceDeploymentArn\":\"" + arn + "\",\"serviceArn\":\"arn:svc\",\"clusterArn\":\"arn:cl\","
                + "\"startedAt\":1714557600,\"createdAt\":1714557600,\"finishedAt\":1714557900.25,\"targetServiceRevisionArn\":\"arn:rev:2\","
                + "\"status\":\"ROLLBACK_SUCCESSFUL\",\"statusReason\":\"circuit breaker\"}],\"nextToken\":\"n2\"}")
            .EnqueueJson("{\"serviceDeployments\":[{\"serviceDeploymentArn\":\"" + arn + "\",\"status\":\"ROLLBACK_SUCCESSFUL\",\"lifecycleStage\":\"CLEAN_UP\","
                + "\"createdAt\":1714557600,\"stoppedAt\":1714557700,\"updatedAt\":1714557900,"
                + "\"sourceServiceRevisions\":[{\"arn\":\"arn:rev:1\",\"requestedTaskCount\":2,\"runningTaskCount\":2,\"pendingTaskCount\":0}],"
                + "\"targetServiceRevision\":{\"arn\":\"arn:rev:2\",\"requestedTaskCount\":0,\"runningTaskCount\":0,\"pendingTaskCount\":0,\"requestedProductionTrafficWeight\":0.0},"
                + "\"deploymentConfiguration\":{\"deploymentCircuitBreaker\":{\"enable\":true,\"rollback\":true},\"maximumPercent\":200,\"minimumHealthyPercent\":100},"
                + "\"rollback\":{\"reason\":\"circuit breaker\",\"startedAt\":1714557700,\"serviceRevisionArn\":\"arn:rev:1\"},"
                + "\"deploymentCircuitBreaker\":{\"status\":\"TRIGGERED\",\"failureCount\":3,\"threshold\":3},"
                + "\"alarms\":{\"status\":\"DISABLED\",\"alarmNames\":[],\"triggeredAlarmNames\":[]}}],"
                + "\"failures\":[{\"arn\":\"arn:gone\",\"reason\":\"MISSING\"}]}")
            .EnqueueJson("{\"serviceDeploymentArn\":\"" + arn + "\"}");

        var listed = await client.ListServiceDeploymentsAsync(new ListServiceDeploymentsRequest
        {
            Cluster = "prod",
            Service = "web",
            Status = new List<string> { "ROLLBACK_SUCCESSFUL", "ROLLBACK_FAILED" },
            CreatedAt = new CreatedAt { After = new DateTime(2024, 5, 1, 0, 0, 0, 250, DateTimeKind.Utc) },
            MaxResults = 5,
        });
        var described = await client.DescribeServiceDeploymentsAsync(new DescribeServiceDeploymentsRequest { ServiceDeploymentArns = new List<string> { arn, "arn:gone" } });
        var stopped = await client.StopServiceDeploymentAsync(new StopServiceDeploymentRequest { ServiceDeploymentArn = arn, StopType = "ROLLBACK" });

        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListServiceDeployments", server.Requests[0].Header("X-Amz-Target"));
        Assert.Equal("{\"service\":\"web\",\"cluster\":\"prod\",\"status\":[\"ROLLBACK_SUCCESSFUL\",\"ROLLBACK_FAILED\"],\"createdAt\":{\"after\":1714521600.25},\"maxResults\":5}",
            server.Requests[0].Body);
        var brief = Assert.Single(listed.ServiceDeployments);
        Assert.Equal((arn, "ROLLBACK_SUCCESSFUL", "circuit breaker", "arn:rev:2"), (brief.ServiceDeploymentArn, brief.Status, brief.StatusReason, brief.TargetServiceRevisionArn));
        Assert.Equal(new DateTime(2024, 5, 1, 10, 5, 0, 250, DateTimeKind.Utc), brief.FinishedAt);
        Assert.Equal("n2", listed.NextToken);

        Assert.Equal("AmazonEC2ContainerServiceV20141113.DescribeServiceDeployments", server.Requests[1].Header("X-Amz-Target"));
        Assert.Equal("{\"serviceDeploymentArns\":[\"" + arn + "\",\"arn:gone\"]}", server.Requests[1].Body);
        var deployment = Assert.Single(described.ServiceDeployments);
        Assert.Equal(("ROLLBACK_SUCCESSFUL", "CLEAN_UP"), (deployment.Status, deployment.LifecycleStage));
        Assert.Equal(("arn:rev:1", 2), (deployment.SourceServiceRevisions.Single().Arn, deployment.SourceServiceRevisions.Single().RunningTaskCount));
        Assert.Equal("arn:rev:2", deployment.TargetServiceRevision.Arn);
        Assert.Equal(("circuit breaker", "arn:rev:1"), (deployment.Rollback.Reason, deployment.Rollback.ServiceRevisionArn));
        Assert.Equal(("TRIGGERED", 3, 3), (deployment.DeploymentCircuitBreaker.Status, deployment.DeploymentCircuitBreaker.FailureCount, deployment.DeploymentCircuitBreaker.Threshold));
        Assert.True(deployment.DeploymentConfiguration.DeploymentCircuitBreaker.Rollback);
        Assert.Equal("DISABLED", deployment.Alarms.Status);
        Assert.Equal(new DateTime(2024, 5, 1, 10, 1, 40, DateTimeKind.Utc), deployment.StoppedAt);
        Assert.Equal(("arn:gone", "MISSING"), (described.Failures.Single().Arn, described.Failures.Single().Reason));

        Assert.Equal("{\"serviceDeploymentArn\":\"" + arn + "\",\"stopType\":\"ROLLBACK\"}", server.Requests[2].Body);
        Assert.Equal(arn, stopped.ServiceDeploymentArn);
    }

    [Fact]
    public async System.Threading.Tasks.Task DescribeServiceRevisions_SendsArnsAndParsesEveryModeledMember()
    {
        const string arn = "arn:aws:ecs:eu-west-1:123456789012:service-revision/prod/web/4567";
        server.EnqueueJson("{\"serviceRevisions\":[{\"serviceRevisionArn\":\"" + arn + "\",\"serviceArn\":\"arn:svc\",\"clusterArn\":\"arn:cl\","
            + "\"taskDefinition\":\"arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7\","
            + "\"capacityProviderStrategy\":[{\"capacityProvider\":\"FARGATE\",\"weight\":1,\"base\":0}],\"platformVersion\":\"1.4.0\",\"platformFamily\":\"Linux\","
            + "\"loadBalancers\":[{\"targetGroupArn\":\"arn:tg\",\"containerName\":\"web\",\"containerPort\":8080}],"
            + "\"serviceRegistries\":[{\"registryArn\":\"arn:reg\",\"port\":8080,\"containerName\":\"web\",\"containerPort\":8080}],"
            + "\"networkConfiguration\":{\"awsvpcConfiguration\":{\"subnets\":[\"subnet-1\"],\"securityGroups\":[\"sg-1\"],\"assignPublicIp\":\"DISABLED\"}},"
            + "\"containerImages\":[{\"containerName\":\"web\",\"imageDigest\":\"sha256:abc\",\"image\":\"repo/web:1\"}],"
            + "\"guardDutyEnabled\":false,\"createdAt\":1714557600.5}],"
            + "\"failures\":[{\"arn\":\"arn:gone\",\"reason\":\"MISSING\",\"detail\":\"unknown\"}]}");

        var response = await client.DescribeServiceRevisionsAsync(new DescribeServiceRevisionsRequest { ServiceRevisionArns = new List<string> { arn, "arn:gone" } });

        Assert.Equal("AmazonEC2ContainerServiceV20141113.DescribeServiceRevisions", server.Requests[0].Header("X-Amz-Target"));
        Assert.Equal("{\"serviceRevisionArns\":[\"" + arn + "\",\"arn:gone\"]}", server.Requests[0].Body);
        var revision = Assert.Single(response.ServiceRevisions);
        Assert.Equal((arn, "arn:svc", "arn:cl"), (revision.ServiceRevisionArn, revision.ServiceArn, revision.ClusterArn));
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7", revision.TaskDefinition);
        Assert.Equal(("FARGATE", 1), (revision.CapacityProviderStrategy.Single().CapacityProvider, revision.CapacityProviderStrategy.Single().Weight));
        Assert.Null(revision.LaunchType);
        Assert.Equal("1.4.0", revision.PlatformVersion);
        Assert.Equal(("arn:tg", 8080), (revision.LoadBalancers.Single().TargetGroupArn, revision.LoadBalancers.Single().ContainerPort));
        var registry = Assert.Single(revision.ServiceRegistries);
        Assert.Equal(("arn:reg", 8080, "web", 8080), (registry.RegistryArn, registry.Port, registry.ContainerName, registry.ContainerPort));
        Assert.Equal("subnet-1", revision.NetworkConfiguration.AwsvpcConfiguration.Subnets.Single());
        var image = Assert.Single(revision.ContainerImages);
        Assert.Equal(("web", "sha256:abc", "repo/web:1"), (image.ContainerName, image.ImageDigest, image.Image));
        Assert.False(revision.GuardDutyEnabled);
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, 500, DateTimeKind.Utc), revision.CreatedAt);
        var failure = Assert.Single(response.Failures);
        Assert.Equal(("arn:gone", "MISSING", "unknown"), (failure.Arn, failure.Reason, failure.Detail));
    }

    [Theory]
    [InlineData("ConflictException", typeof(ConflictException))]
    [InlineData("ServiceDeploymentNotFoundException", typeof(ServiceDeploymentNotFoundException))]
    [InlineData("UnsupportedFeatureException", typeof(UnsupportedFeatureException))]
    [InlineData("ClusterNotFoundException", typeof(ClusterNotFoundException))]
    [InlineData("com.amazonaws.ecs#ClusterNotFoundException", typeof(ClusterNotFoundException))]
    [InlineData("ServiceNotFoundException", typeof(ServiceNotFoundException))]
    [InlineData("ServiceNotActiveException", typeof(ServiceNotActiveException))]
    [InlineData("InvalidParameterException", typeof(InvalidParameterException))]
    [InlineData("AccessDeniedException", typeof(AccessDeniedException))]
    [InlineData("ClientException", typeof(ClientException))]
    [InlineData("SomethingNewException", typeof(AmazonECSException))]
    public async System.Threading.Tasks.Task Errors_MapToTypedExceptions(string wireType, Type expected)
    {
        server.EnqueueJson("{\"__type\":\"" + wireType + "\",\"message\":\"Cluster not found.\"}", 400);

        var error = await Assert.ThrowsAnyAsync<AmazonECSException>(() => client.DescribeServicesAsync(new DescribeServicesRequest { Cluster = "nope", Services = new List<string> { "web" } }));

        Assert.Equal(expected, error.GetType());
        Assert.Equal(wireType.Substring(wireType.IndexOf('#') + 1), error.ErrorCode);
        Assert.Equal("Cluster not found.", error.Message);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
        Assert.Equal(ErrorType.Sender, error.ErrorType);
        Assert.Equal("req-1", error.RequestId);
        Assert.Single(server.Requests);
    }

    [Fact]
    public async System.Threading.Tasks.Task ServerException_IsRetriedAsTransientThenSurfaces()
    {
        server.EnqueueJson("{\"__type\":\"ServerException\",\"message\":\"Service Unavailable. Please try again later.\"}", 500)
            .EnqueueJson("{\"__type\":\"ServerException\",\"message\":\"Service Unavailable. Please try again later.\"}", 500)
            .EnqueueJson("{\"__type\":\"ServerException\",\"message\":\"Service Unavailable. Please try again later.\"}", 500);

        var error = await Assert.ThrowsAsync<ServerException>(() => client.ListServicesAsync(new ListServicesRequest { Cluster = "prod" }));

        Assert.Equal(ErrorType.Receiver, error.ErrorType);
        Assert.Equal(HttpStatusCode.InternalServerError, error.StatusCode);
        Assert.Equal(3, server.Requests.Count);
    }

    [Fact]
    public async System.Threading.Tasks.Task Throttling_IsRetriedByStandardModeThenSucceeds()
    {
        server.EnqueueJson("{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}", 400)
            .EnqueueJson("{\"serviceArns\":[\"arn:s1\"]}");

        var response = await client.ListServicesAsync(new ListServicesRequest { Cluster = "prod" });

        Assert.Equal(new[] { "arn:s1" }, response.ServiceArns);
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(server.Requests[0].Body, server.Requests[1].Body);
        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListServices", server.Requests[1].Header("X-Amz-Target"));
    }

    [Fact]
    public async System.Threading.Tasks.Task ErrorCode_FromHeaderWinsAndUrlSuffixIsDropped()
    {
        server.EnqueueJson("{\"message\":\"gone\"}", 400, ("x-amzn-ErrorType", "ServiceNotFoundException:http://internal.amazon.com/coral/com.amazonaws.ecs/"));

        var error = await Assert.ThrowsAsync<ServiceNotFoundException>(() => client.ListTasksAsync(new ListTasksRequest { Cluster = "prod", ServiceName = "gone" }));

        Assert.Equal("ServiceNotFoundException", error.ErrorCode);
        Assert.Equal("gone", error.Message);
    }

    [Fact]
    public async System.Threading.Tasks.Task NonJsonErrorBody_StillSurfacesAsServiceExceptionWithStatus()
    {
        server.Enqueue(403, "<html><body>Forbidden by proxy</body></html>", "text/html");

        var error = await Assert.ThrowsAsync<AmazonECSException>(() => client.ListServicesAsync(new ListServicesRequest { Cluster = "prod" }));

        Assert.Null(error.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, error.StatusCode);
        Assert.Equal("403 Forbidden", error.Message);
        Assert.Single(server.Requests);
    }

    private static void AssertStoppedTask(EcsTask task)
    {
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task/prod/t1", task.TaskArn);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:cluster/prod", task.ClusterArn);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7", task.TaskDefinitionArn);
        Assert.Equal("service:web", task.Group);
        Assert.Equal("ecs-svc/123", task.StartedBy);
        Assert.Equal("STOPPED", task.LastStatus);
        Assert.Equal("STOPPED", task.DesiredStatus);
        Assert.Equal("TaskFailedToStart", task.StopCode);
        Assert.Equal("ResourceInitializationError: unable to pull secrets or registry auth", task.StoppedReason);
        Assert.Equal("FARGATE", task.LaunchType);
        Assert.Equal("UNKNOWN", task.HealthStatus);
        Assert.Equal("eu-west-1a", task.AvailabilityZone);
        Assert.Equal("256", task.Cpu);
        Assert.Equal("512", task.Memory);
        Assert.Equal("1.4.0", task.PlatformVersion);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 1, 123, DateTimeKind.Utc), task.CreatedAt);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 0, 5, DateTimeKind.Utc), task.PullStartedAt);
        Assert.Null(task.PullStoppedAt);
        Assert.Null(task.StartedAt);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 1, 0, DateTimeKind.Utc), task.StoppingAt);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 1, 30, DateTimeKind.Utc), task.StoppedAt);
        Assert.Equal(new DateTime(2024, 5, 2, 8, 1, 29, DateTimeKind.Utc), task.ExecutionStoppedAt);
        Assert.Null(task.Tags);

        var container = Assert.Single(task.Containers);
        Assert.Equal("app", container.Name);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:container/prod/t1/c1", container.ContainerArn);
        Assert.Equal("arn:aws:ecs:eu-west-1:123456789012:task/prod/t1", container.TaskArn);
        Assert.Equal("STOPPED", container.LastStatus);
        Assert.Equal(137, container.ExitCode);
        Assert.Equal("OutOfMemoryError: Container killed due to memory usage", container.Reason);
        Assert.Equal("UNHEALTHY", container.HealthStatus);
        Assert.Equal("web:1.2", container.Image);
        Assert.Null(container.ImageDigest);
        var eni = Assert.Single(container.NetworkInterfaces);
        Assert.Equal("att-1", eni.AttachmentId);
        Assert.Equal("10.0.1.25", eni.PrivateIpv4Address);
        Assert.Null(eni.Ipv6Address);

        var attachment = Assert.Single(task.Attachments);
        Assert.Equal("att-1", attachment.Id);
        Assert.Equal("ElasticNetworkInterface", attachment.Type);
        Assert.Equal("DELETED", attachment.Status);
        Assert.Equal(new[] { "subnetId=subnet-a", "privateIPv4Address=10.0.1.25" }, attachment.Details.Select(d => d.Name + "=" + d.Value));

        var containerOverride = Assert.Single(task.Overrides.ContainerOverrides);
        Assert.Equal("app", containerOverride.Name);
        Assert.Equal(new[] { "./migrate" }, containerOverride.Command);
        Assert.Empty(containerOverride.Environment);
    }

    private const string StoppedTaskJson = @"{
        ""taskArn"":""arn:aws:ecs:eu-west-1:123456789012:task/prod/t1"",""clusterArn"":""arn:aws:ecs:eu-west-1:123456789012:cluster/prod"",
        ""taskDefinitionArn"":""arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7"",""group"":""service:web"",""startedBy"":""ecs-svc/123"",
        ""lastStatus"":""STOPPED"",""desiredStatus"":""STOPPED"",""stopCode"":""TaskFailedToStart"",
        ""stoppedReason"":""ResourceInitializationError: unable to pull secrets or registry auth"",""launchType"":""FARGATE"",
        ""healthStatus"":""UNKNOWN"",""availabilityZone"":""eu-west-1a"",""cpu"":""256"",""memory"":""512"",""platformVersion"":""1.4.0"",
        ""createdAt"":1714636801.123,""pullStartedAt"":1714636805,""pullStoppedAt"":null,""stoppingAt"":1.71463686E9,""stoppedAt"":1714636890.0,
        ""executionStoppedAt"":1714636889,
        ""containers"":[{""containerArn"":""arn:aws:ecs:eu-west-1:123456789012:container/prod/t1/c1"",""taskArn"":""arn:aws:ecs:eu-west-1:123456789012:task/prod/t1"",
          ""name"":""app"",""image"":""web:1.2"",""lastStatus"":""STOPPED"",""exitCode"":137,""reason"":""OutOfMemoryError: Container killed due to memory usage"",
          ""healthStatus"":""UNHEALTHY"",""networkInterfaces"":[{""attachmentId"":""att-1"",""privateIpv4Address"":""10.0.1.25""}]}],
        ""attachments"":[{""id"":""att-1"",""type"":""ElasticNetworkInterface"",""status"":""DELETED"",
          ""details"":[{""name"":""subnetId"",""value"":""subnet-a""},{""name"":""privateIPv4Address"",""value"":""10.0.1.25""}]}],
        ""overrides"":{""containerOverrides"":[{""name"":""app"",""command"":[""./migrate""],""environment"":[]}],""inferenceAcceleratorOverrides"":[]}}";

    private const string DescribeTasksBody = "{\"tasks\":[" + StoppedTaskJson + "],\"failures\":[]}";

    private const string DescribeServicesBody = @"{
      ""services"":[{
        ""serviceArn"":""arn:aws:ecs:eu-west-1:123456789012:service/prod/web"",""serviceName"":""web"",
        ""clusterArn"":""arn:aws:ecs:eu-west-1:123456789012:cluster/prod"",
        ""loadBalancers"":[{""targetGroupArn"":""arn:aws:elasticloadbalancing:eu-west-1:123456789012:targetgroup/web/abc"",""containerName"":""app"",""containerPort"":8080}],
        ""serviceRegistries"":[],""status"":""ACTIVE"",""desiredCount"":2,""runningCount"":0,""pendingCount"":1,""launchType"":""FARGATE"",
        ""capacityProviderStrategy"":[],""platformVersion"":""LATEST"",""platformFamily"":""Linux"",
        ""taskDefinition"":""arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7"",
        ""deploymentConfiguration"":{""deploymentCircuitBreaker"":{""enable"":true,""rollback"":false},""maximumPercent"":200,""minimumHealthyPercent"":100},
        ""deployments"":[{""id"":""ecs-svc/123"",""status"":""PRIMARY"",""taskDefinition"":""arn:aws:ecs:eu-west-1:123456789012:task-definition/web:7"",
          ""desiredCount"":2,""pendingCount"":1,""runningCount"":0,""failedTasks"":3,""createdAt"":1714636800,""updatedAt"":1714637130.25,
          ""capacityProviderStrategy"":[{""capacityProvider"":""FARGATE_SPOT"",""weight"":3,""base"":1}],
          ""launchType"":""FARGATE"",""platformVersion"":""1.4.0"",
          ""networkConfiguration"":{""awsvpcConfiguration"":{""subnets"":[""subnet-a""],""securityGroups"":[""sg-1""],""assignPublicIp"":""DISABLED""}},
          ""rolloutState"":""IN_PROGRESS"",""rolloutStateReason"":""ECS deployment ecs-svc/123 in progress.""}],
        ""events"":[{""id"":""ev-2"",""createdAt"":1714637160.0,""message"":""(service web) is unable to consistently start tasks successfully.""},
                    {""id"":""ev-1"",""createdAt"":1714636800.0,""message"":""(service web) has started 2 tasks: (task t1) (task t2).""}],
        ""createdAt"":1714557600.5,""placementConstraints"":[],""placementStrategy"":[],
        ""networkConfiguration"":{""awsvpcConfiguration"":{""subnets"":[""subnet-a"",""subnet-b""],""securityGroups"":[""sg-1""],""assignPublicIp"":""DISABLED""}},
        ""healthCheckGracePeriodSeconds"":60,""schedulingStrategy"":""REPLICA"",""deploymentController"":{""type"":""ECS""},
        ""createdBy"":""arn:aws:iam::123456789012:role/deployer"",""enableECSManagedTags"":true,""propagateTags"":""NONE"",""enableExecuteCommand"":false}],
      ""failures"":[{""arn"":""arn:aws:ecs:eu-west-1:123456789012:service/prod/gone"",""reason"":""MISSING""}]}";
}
