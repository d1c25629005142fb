export const id = 538;
export const ids = [538];
export const modules = {

/***/ 538:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   connect: () => (/* binding */ connect)
/* harmony export */ });
/* unused harmony export Ecs */
/* harmony import */ var _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(212);
/* harmony import */ var _common_aws__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(2064);
/* harmony import */ var _constants__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(4682);



/**
 * The ECS calls ecs-deploy makes, each labelled with what it attempts; the run's call layer
 * (src/common/aws.ts) binds them to the run's AbortSignal and counts them. The only module that
 * loads the SDK: main.ts imports it dynamically, so the bundle starts without parsing the
 * client. Throttling and transient errors are retried by the SDK's adaptive retry mode.
 */
class Ecs {
    calls;
    region;
    client;
    constructor(
    /** The run's call layer, shared with the ELB calls of the same wait (./targets). */
    calls, region) {
        this.calls = calls;
        this.region = region;
        this.client = calls.client(_aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .ECSClient */ .Zgc, region);
    }
    async describeCluster(cluster) {
        const out = await this.calls.send(`describe ECS cluster ${cluster} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeClustersCommand */ ._2_({ clusters: [cluster] }), o));
        return { cluster: out.clusters?.[0], failure: out.failures?.[0] };
    }
    /** Describes services in batches of 10 (the API's limit). */
    async describeServices(cluster, names) {
        const services = [];
        const failures = [];
        for (const batch of (0,_common_aws__WEBPACK_IMPORTED_MODULE_0__/* .chunks */ .VN)(names, _common_aws__WEBPACK_IMPORTED_MODULE_0__/* .AWS_LIMITS */ .RR.ecsDescribeServices)) {
            const out = await this.calls.send(`describe ECS services ${batch.join(', ')} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeServicesCommand */ .H7c({ cluster, services: batch }), o));
            services.push(...(out.services ?? []));
            failures.push(...(out.failures ?? []));
        }
        return { services, failures };
    }
    async describeTaskDefinition(reference) {
        const out = await this.calls.send(`describe task definition ${reference} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeTaskDefinitionCommand */ .Zy$({ taskDefinition: reference, include: ['TAGS'] }), o));
        return { definition: out.taskDefinition ?? {}, tags: out.tags ?? [] };
    }
    async registerTaskDefinition(request) {
        const out = await this.calls.send(`register a new revision of task definition ${request.family} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .RegisterTaskDefinitionCommand */ .$Hl(request), o));
        return out.taskDefinition ?? {};
    }
    async deregisterTaskDefinition(arn) {
        await this.calls.send(`deregister task definition ${arn}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DeregisterTaskDefinitionCommand */ .sjB({ taskDefinition: arn }), o));
    }
    /** ACTIVE revisions of a family, newest first. */
    async listTaskDefinitions(family) {
        return this.calls.all(`list revisions of task definition ${family} in ${this.region}`, (o) => (0,_aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .paginateListTaskDefinitions */ .XPO)({ client: this.client }, { familyPrefix: family, status: 'ACTIVE', sort: 'DESC' }, o), (page) => page.taskDefinitionArns);
    }
    async updateService(input, what) {
        const out = await this.calls.send(what, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .UpdateServiceCommand */ .kZr(input), o));
        return out.service ?? {};
    }
    async runTask(input) {
        const out = await this.calls.send(`run a task of ${input.taskDefinition} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .RunTaskCommand */ ._eD(input), o));
        return { task: out.tasks?.[0], failure: out.failures?.[0] };
    }
    /** Describes tasks in batches of 100 (the API's limit). */
    async describeTasks(cluster, arns) {
        const tasks = [];
        for (const batch of (0,_common_aws__WEBPACK_IMPORTED_MODULE_0__/* .chunks */ .VN)(arns, _common_aws__WEBPACK_IMPORTED_MODULE_0__/* .AWS_LIMITS */ .RR.ecsDescribeTasks)) {
            const out = await this.calls.send(`describe ${batch.length} ECS tasks in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeTasksCommand */ .z8X({ cluster, tasks: batch }), o));
            tasks.push(...(out.tasks ?? []));
        }
        return tasks;
    }
    /**
     * A service's deployments (ServiceDeployment records) in the statuses asked for, newest first.
     * One page: the SDK has no paginator for this operation, and a service has only a few
     * deployments PENDING or IN_PROGRESS at a time (a new one replaces the one in progress).
     */
    async listServiceDeployments(cluster, service, status) {
        const out = await this.calls.send(`list the deployments of service ${service} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .ListServiceDeploymentsCommand */ .jz8({ cluster, service, status, maxResults: 20 }), o));
        return out.serviceDeployments ?? [];
    }
    /** Describes service deployments in batches of 20 (the API's limit); unknown ARNs are left out. */
    async describeServiceDeployments(arns) {
        const found = [];
        for (const batch of (0,_common_aws__WEBPACK_IMPORTED_MODULE_0__/* .chunks */ .VN)(arns, _constants__WEBPACK_IMPORTED_MODULE_1__/* .ECS_DESCRIBE_SERVICE_DEPLOYMENTS */ .bT)) {
            const out = await this.calls.send(`describe ${batch.length} ECS service deployment${batch.length === 1 ? '' : 's'} in ${this.region}`, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .DescribeServiceDeploymentsCommand */ .A6p({ serviceDeploymentArns: batch }), o));
            found.push(...(out.serviceDeployments ?? []));
        }
        return found;
    }
    /** Asks ECS to roll a service deployment back to the revision it replaces. */
    async stopServiceDeployment(arn, what) {
        await this.calls.send(what, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .StopServiceDeploymentCommand */ .a8L({ serviceDeploymentArn: arn, stopType: 'ROLLBACK' }), o));
    }
    /** Resolves a PAUSE lifecycle hook: CONTINUE to the next stage, or ROLLBACK. */
    async continueServiceDeployment(arn, hookId, action, what) {
        await this.calls.send(what, (o) => this.client.send(new _aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .ContinueServiceDeploymentCommand */ .LrH({ serviceDeploymentArn: arn, hookId, action }), o));
    }
    async listTasks(input) {
        return this.calls.all(`list tasks of ${input.serviceName ?? input.cluster} in ${this.region}`, (o) => (0,_aws_sdk_client_ecs__WEBPACK_IMPORTED_MODULE_2__/* .paginateListTasks */ ._rc)({ client: this.client }, { ...input }, o), (page) => page.taskArns);
    }
}
function connect(calls, region) {
    return new Ecs(calls, region);
}


/***/ })

};
