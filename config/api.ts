export default {
  rest: {
    defaultLimit: 25,
    maxLimit: 100,
    // Ours (src/middlewares/query-limits.ts): relation levels one REST populate may reach.
    maxPopulateDepth: 3,
    withCount: true,
  },
};
