//! One file per rule. Each file's doc comment is the rule's documentation (`qbank rule NAME`).

mod all_or_none_of_the_above;
mod correct_position_bias;
mod criterion_without_pattern;
mod difficulty_mix_off_target;
mod duplicate_option;
mod duplicate_prompt;
mod hard_question_without_references;
mod missing_model_answer;
mod missing_rubric;
mod near_duplicate_prompt;
mod prompt_not_a_question;
mod prompt_too_long;
mod single_choice_several_correct;
mod single_difficulty_topic;
mod uncovered_topic;
mod unknown_rule_in_allow;
mod unknown_topic;
mod unused_synonym;

pub use all_or_none_of_the_above::AllOrNoneOfTheAbove;
pub use correct_position_bias::CorrectPositionBias;
pub use criterion_without_pattern::CriterionWithoutPattern;
pub use difficulty_mix_off_target::DifficultyMixOffTarget;
pub use duplicate_option::DuplicateOption;
pub use duplicate_prompt::DuplicatePrompt;
pub use hard_question_without_references::HardQuestionWithoutReferences;
pub use missing_model_answer::MissingModelAnswer;
pub use missing_rubric::MissingRubric;
pub use near_duplicate_prompt::NearDuplicatePrompt;
pub use prompt_not_a_question::PromptNotAQuestion;
pub use prompt_too_long::PromptTooLong;
pub use single_choice_several_correct::SingleChoiceSeveralCorrect;
pub use single_difficulty_topic::SingleDifficultyTopic;
pub use uncovered_topic::UncoveredTopic;
pub use unknown_rule_in_allow::UnknownRuleInAllow;
pub use unknown_topic::UnknownTopic;
pub use unused_synonym::UnusedSynonym;
