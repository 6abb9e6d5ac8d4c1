#' Heart disease data (tfdatasets' `hearts`)
#'
#' The Cleveland heart disease table that R tfdatasets ships as `hearts` and its
#' feature-spec tutorials use: 303 patients, 13 measurements and the diagnosis.
#' Loaded with the package (lazy data), as in tfdatasets.
#'
#' @format A data frame (a tibble's classes, as in tfdatasets) with 303 rows and 14 columns:
#' \describe{
#'   \item{age}{age in years}
#'   \item{sex}{1 = male, 0 = female}
#'   \item{cp}{chest pain type: 1 typical angina, 2 atypical angina, 3 non-anginal pain, 4 asymptomatic}
#'   \item{trestbps}{resting blood pressure (mm Hg on admission)}
#'   \item{chol}{serum cholesterol (mg/dl)}
#'   \item{fbs}{fasting blood sugar > 120 mg/dl (1 = true, 0 = false)}
#'   \item{restecg}{resting electrocardiogram: 0 normal, 1 ST-T wave abnormality, 2 left ventricular hypertrophy}
#'   \item{thalach}{maximum heart rate achieved}
#'   \item{exang}{exercise-induced angina (1 = yes, 0 = no)}
#'   \item{oldpeak}{ST depression induced by exercise relative to rest}
#'   \item{slope}{slope of the peak exercise ST segment: 1 up, 2 flat, 3 down}
#'   \item{ca}{number of major vessels (0-3) coloured by fluoroscopy}
#'   \item{thal}{thallium test: `"normal"`, `"fixed"`, `"reversible"` (two rows `"1"`, `"2"`, as in the source)}
#'   \item{target}{diagnosis of heart disease (1 = yes)}
#' }
#' @source Janosi, Steinbrunn, Pfisterer and Detrano, *Heart Disease*, UCI
#'   Machine Learning Repository, 1988, \doi{10.24432/C52P4X}, CC BY 4.0; the
#'   table as R tfdatasets distributes it (see `inst/extdata/HEARTS-LICENSE.md`).
#' @examples
#' str(hearts)
#' spec <- feature_spec(hearts, target ~ age + thal)
"hearts"
